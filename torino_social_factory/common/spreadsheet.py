"""Spreadsheet files that open correctly and safely in Excel and LibreOffice.

Every cell goes through ``safe_cell``: spreadsheets run a cell that starts with
= + - @ (or a tab or carriage return before them) as a formula, and names, e-mail
addresses ("=1@example.org" is valid) and staff-typed text are all free text.
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Text that no spreadsheet will evaluate; numbers and dates stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header, rows, *, delimiter=";", datetime_format="%d/%m/%Y %H:%M"):
    """CSV with a byte-order mark (Excel reads UTF-8 correctly only with one).

    ``;`` is what Italian Excel expects; machine-readable exports pass ``,``.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([safe_cell(label) for label in header])
    for row in rows:
        writer.writerow([safe_cell(_as_text(value, datetime_format)) for value in row])
    return buffer.getvalue()


def _as_text(value, datetime_format):
    if isinstance(value, datetime):
        return value.strftime(datetime_format)
    if isinstance(value, date):
        return value.strftime(datetime_format.split(" ")[0])
    return value


def xlsx_bytes(header, rows, *, title, widths=()):
    """An XLSX workbook: bold frozen header, dates as real date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_cell(label) for label in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
