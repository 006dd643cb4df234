"""Import and export buttons for the admin, built on django-import-export's ImportExportMixin.

What the library's admin gets wrong for us, and is fixed here:

* it exports the changelist queryset as is, ignoring the resource's queryset, and then runs
  queries per row; here the resource fetches the filtered rows with their people and tags in
  a constant number of queries and the file is streamed from a temporary file;
* it decodes uploads as UTF-8 itself (GB18030 from Excel fails), reports unreadable files
  with an English exception name, and keeps the good rows when the confirmed import meets a
  bad one; here the file is read by ``articles.sheets.files``, messages are for editors, and
  one bad row means nothing is written;
* anyone who can open the changelist may import; here importing needs the change permission.

The editor may ask for unknown people and tags to be created (a checkbox carried from the
upload form to the confirmation form).
"""

from __future__ import annotations

import io
import tempfile
from typing import Any

import tablib
from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm
from import_export.results import Result, RowResult
from import_export.signals import post_export

from articles.jobs.admin import announce_job, job_url
from articles.sheets.errors import SpreadsheetError
from articles.sheets.files.reading import MAX_SPREADSHEET_BYTES, read_csv, read_xlsx
from articles.sheets.files.writing import write_csv, write_spreadsheet, write_xlsx
from articles.sheets.jobs import BIG_IMPORT_BYTES, enqueue_sheet_import
from articles.sheets.registry import resource_class_for
from articles.sheets.reports import problems_from_result
from articles.sheets.services import streamed_reads

CREATE_MISSING_LABEL = "创建表格中不存在的人物和标签"
#: cut cells named one by one in the message after an XLSX export; the rest are counted
CUT_CELLS_SHOWN = 20


# --- django-import-export formats -----------------------------------------------------------


class ExcelCSV(base_formats.CSV):
    """CSV the way Excel needs it: BOM on export; BOM, no BOM or GB18030 on import.

    Declared binary so the admin hands us the raw bytes (the library would decode them as
    UTF-8 itself and fail on GB18030).
    """

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str, **kwargs: Any) -> tablib.Dataset:
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_csv(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        out = io.BytesIO()
        write_csv(dataset.headers or [], dataset, out)
        return out.getvalue()


class ExcelXLSX(base_formats.XLSX):
    """XLSX through our streaming writer and our reader (control characters, formulas)."""

    def create_dataset(self, in_stream: bytes, **kwargs: Any) -> tablib.Dataset:
        return read_xlsx(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        out = io.BytesIO()
        write_xlsx(dataset.headers or [], dataset, out)
        return out.getvalue()


SPREADSHEET_FORMATS = [ExcelCSV, ExcelXLSX]


def format_name(file_format: base_formats.Format) -> str:
    return "xlsx" if isinstance(file_format, base_formats.XLSX) else "csv"


#: what the format menu calls each format
FORMAT_LABELS = {"csv": "CSV（Excel、WPS 可直接打开）", "xlsx": "Excel 工作簿（xlsx）"}


class SpreadsheetExportForm(SelectableFieldsExportForm):
    """The export page in Chinese: each column by the header it has in the file (the library
    writes "Headline (标题)"), and the formats by name rather than by file extension. (The
    import page keeps the extensions: its script picks the format by matching them.)"""

    def __init__(self, formats: list, resources: list, **kwargs: Any) -> None:
        super().__init__(formats, resources, **kwargs)
        field = self.fields["format"]
        field.label = "格式"
        field.help_text = (
            "CSV 能装下任意长的正文；Excel 每格最多 32,767 个字，更长的正文只导出开头，"
            "导出后在下一页列出这些格。"
        )
        if len(formats) > 1:
            field.choices = [(str(i), FORMAT_LABELS[format_name(f())]) for i, f in enumerate(formats)]
            field.initial = "0"  # CSV: it carries every text whole

    def _get_field_label(self, resource: Any, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return field.column_name if field is not None else field_name


class SpreadsheetImportForm(ImportForm):
    create_missing = forms.BooleanField(
        label=CREATE_MISSING_LABEL,
        required=False,
        help_text="不勾选时，表格里写了数据库中没有的人物或标签，该行会报错（防止错别字变成新人物）。",
    )

    def clean_import_file(self) -> Any:
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_SPREADSHEET_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB，上限 "
                f"{MAX_SPREADSHEET_BYTES // 1024 // 1024} MB）：请分批导入，例如按日期筛选后再导出"
            )
        return upload


class SpreadsheetConfirmImportForm(ConfirmImportForm):
    create_missing = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SpreadsheetAdminMixin(ImportExportMixin):
    """Put first among a ModelAdmin's bases; set ``spreadsheet_model``."""

    #: the name ``csv_export`` / ``csv_import`` know the model by
    spreadsheet_model: str = ""

    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmImportForm
    import_template_name = "admin/import_export/newsroom_import.html"
    export_template_name = "admin/import_export/newsroom_export.html"
    export_form_class = SpreadsheetExportForm
    import_formats = SPREADSHEET_FORMATS
    export_formats = SPREADSHEET_FORMATS

    def get_resource_classes(self, request: HttpRequest) -> list[type]:
        return [resource_class_for(self.spreadsheet_model)]

    # --- permissions ---

    def has_import_permission(self, request: HttpRequest) -> bool:
        # Importing changes rows in bulk: only staff who may change them (admin_view has
        # already required an active staff account).
        return self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    # --- import ---

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        return {"create_missing": bool(cleaned.get("create_missing")), "user": request.user}

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["create_missing"] = bool(import_form.cleaned_data.get("create_missing"))
        return initial

    def add_data_read_fail_error_to_form(self, form: forms.Form, e: Exception) -> None:
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                f"无法读取这个文件（{type(e).__name__}）：请确认选择的格式与文件相符",
            )

    def get_import_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_import_context_data(**kwargs)
        context["max_upload_mb"] = MAX_SPREADSHEET_BYTES // 1024 // 1024
        context["create_missing_label"] = CREATE_MISSING_LABEL
        context["big_import_mb"] = BIG_IMPORT_BYTES // 1024 // 1024
        return context

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """A big file goes to a background job (checked, then written part by part) instead
        of a preview that would hold the request for minutes; the page links to the job."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and form.cleaned_data["import_file"].size > BIG_IMPORT_BYTES:
                upload = form.cleaned_data["import_file"]
                file_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
                job = enqueue_sheet_import(
                    model=self.spreadsheet_model, data=b"".join(upload.chunks()),
                    file_format=format_name(file_format), file_name=upload.name or "",
                    create_missing=bool(form.cleaned_data.get("create_missing")), user=request.user,
                )
                announce_job(request, job)
                return HttpResponseRedirect(job_url(job))
        return super().import_action(request, **kwargs)

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # Rolled back (e.g. someone saved one of the articles between preview and confirm).
            problems = problems_from_result(result)
            shown = "；".join(str(p) for p in problems[:10])
            more = f"（另有 {len(problems) - 10} 处）" if len(problems) > 10 else ""
            messages.error(request, f"导入未完成，没有写入任何数据：{shown}{more}")
            return HttpResponseRedirect(
                reverse(
                    "admin:{}_{}_import".format(*self.get_model_info()), current_app=self.admin_site.name
                )
            )
        return super().process_result(result, request)

    def add_success_message(self, result: Result, request: HttpRequest) -> None:
        totals = result.totals
        messages.success(
            request,
            f"导入完成：新建 {totals[RowResult.IMPORT_TYPE_NEW]}，"
            f"更新 {totals[RowResult.IMPORT_TYPE_UPDATE]}，"
            f"未变 {totals[RowResult.IMPORT_TYPE_SKIP]} 条{self.model._meta.verbose_name_plural}。",
        )
        waiting = getattr(result, "waiting_for_chief", 0)
        if waiting:
            messages.warning(
                request,
                f"其中 {waiting} 篇已发布文章的文字修改已存为待主编审核：主编在审稿队列中批准之前，"
                "读者看到的仍是原来的文字；人物、标签、状态等其余改动已生效。",
            )

    # --- export ---

    def get_export_queryset(self, request: HttpRequest) -> Any:
        """The filtered changelist, reduced to its primary keys: the resource adds its own
        joins and fetches people and tags in one query each (the library would export the
        changelist queryset row by row, with a query per person and tag column)."""
        changelist = super().get_export_queryset(request)
        resource = resource_class_for(self.spreadsheet_model)()
        return resource.export_queryset(changelist)

    def _do_file_export(
        self, file_format: Any, request: HttpRequest, queryset: Any, export_form: Any = None
    ) -> HttpResponse:
        # Streamed from a temporary file: the whole archive is hundreds of megabytes.
        resource = self.choose_export_resource_class(export_form, request)()
        fields = self.get_export_resource_fields_from_form(export_form)
        name = format_name(file_format)
        stream = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
        with streamed_reads():
            headers, rows = resource.export_table(queryset, fields=fields)
            written = write_spreadsheet(
                headers,
                rows,
                stream,
                file_format=name,
                sheet_name=str(self.model._meta.verbose_name_plural),
                column_widths=resource.column_widths(fields),
            )
        if written.cut_cells:
            # Shown on the editor's next admin page (the file itself is the response).
            shown = "；".join(str(c) for c in written.cut_cells[:CUT_CELLS_SHOWN])
            more = len(written.cut_cells) - CUT_CELLS_SHOWN
            messages.warning(
                request,
                f"导出的 Excel 文件中有 {len(written.cut_cells)} 格超出 Excel 单元格上限，只导出了开头"
                f"（导入时这些格保持不变；要完整内容请导出 CSV）：{shown}"
                + (f"（另有 {more} 格）" if more > 0 else ""),
            )
        stream.seek(0)
        filename = f"{self.model._meta.verbose_name_plural}-{timezone.localdate():%Y-%m-%d}.{name}"
        response = FileResponse(
            stream, as_attachment=True, filename=filename, content_type=file_format.get_content_type()
        )
        post_export.send(sender=None, model=self.model)
        return response


class ArticleImportExportMixin(SpreadsheetAdminMixin):
    spreadsheet_model = "articles"


class IssueImportExportMixin(SpreadsheetAdminMixin):
    spreadsheet_model = "issues"


class PhotoImportExportMixin(SpreadsheetAdminMixin):
    spreadsheet_model = "photos"


class TagImportExportMixin(SpreadsheetAdminMixin):
    spreadsheet_model = "tags"


class PersonImportExportMixin(SpreadsheetAdminMixin):
    spreadsheet_model = "people"
