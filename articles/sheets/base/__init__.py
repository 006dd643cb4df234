"""What every spreadsheet resource is built from: the grammar of name cells, cell widgets,
columns (fields) and the resource base class. Imports no resource."""
