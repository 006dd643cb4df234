"""Spreadsheet files: CSV and XLSX read and written, with what makes each cell safe (formula
neutralisation, control characters, Excel's cell size limit). No Django models here."""
