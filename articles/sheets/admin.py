"""Import and export buttons for the admin, built on django-import-export's ImportExportMixin.

What the library's admin gets wrong for us, and is fixed here:

* it exports the changelist queryset as is, ignoring the resource's queryset, and then runs
  queries per row; here the resource fetches the filtered rows with their people and tags in
  a constant number of queries and the file is streamed from a temporary file;
* it decodes uploads as UTF-8 itself (GB18030 from Excel fails), reports unreadable files
  with an English exception name, and keeps the good rows when the confirmed import meets a
  bad one; here the file is read by ``articles.sheets.spreadsheets``, messages are for editors, and
  one bad row means nothing is written;
* anyone who can open the changelist may import; here importing needs the change permission.

The editor may ask for unknown people and tags to be created (a checkbox carried from the
upload form to the confirmation form).
"""

from __future__ import annotations

import tempfile
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import Result, RowResult
from import_export.signals import post_export

from articles.sheets.spreadsheets import (
    MAX_SPREADSHEET_BYTES,
    SPREADSHEET_FORMATS,
    SpreadsheetError,
    format_name,
    problems_from_result,
    resource_class_for,
    write_spreadsheet,
)

CREATE_MISSING_LABEL = "创建表格中不存在的人物和标签"


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
        return context

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
        headers, rows = resource.export_table(queryset, fields=fields)
        name = format_name(file_format)
        stream = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
        write_spreadsheet(
            headers,
            rows,
            stream,
            file_format=name,
            sheet_name=str(self.model._meta.verbose_name_plural),
            column_widths=resource.column_widths(fields),
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
