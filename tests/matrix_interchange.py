"""Access-matrix entries of the data-value interchange pages (datavalues:*): the figures
as DHIS2 JSON or CSV for everyone who reads the report (not the case worker, whose role
does not read reports; another commune gets 404); the XLSX template and the upload page
for those who enter the commune's figures (the province reads but never enters: 403)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix_shapes import ALL, LOGIN, S


def report_json(world: Any) -> dict[str, Any]:
    return {"pk": world.submission.pk, "fmt": "json"}


def report_csv(world: Any) -> dict[str, Any]:
    return {"pk": world.submission.pk, "fmt": "csv"}


def report(world: Any) -> dict[str, Any]:
    return {"pk": world.submission.pk}


def empty(world: Any) -> dict[str, Any]:
    return {}


def one_figure(world: Any) -> dict[str, Any]:
    row = f"BD-C03,2026S1,{world.demo.commune.code},default,BD-6T,4,,,,false\n"
    return {"file": SimpleUploadedFile("so-lieu.csv", row.encode(), content_type="text/csv")}


READERS = S(LOGIN, 200, 200, 200, 404, 404, 200)
ENTERERS = S(LOGIN, 200, 200, 200, 404, 404, 403)

ENTRIES: dict[str, tuple[Any, dict[str, int], Any, dict[str, int]]] = {
    "datavalues:export": (report_json, READERS, empty, ALL(LOGIN, 405)),
    "datavalues:export#csv": (report_csv, READERS, empty, ALL(LOGIN, 405)),
    "datavalues:template": (report, ENTERERS, empty, ALL(LOGIN, 405)),
    "datavalues:upload": (report, ENTERERS, one_figure, ENTERERS),
}
