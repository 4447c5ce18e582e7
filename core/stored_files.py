"""A file someone uploaded (task evidence, an activity photo): its bytes kept under
settings.WORK_FILES_DIR with a random name of ours, its type read from the content, and
one way to serve it back. Who may read it is the caller's check, done before `serve()`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from core.storage import stored_file

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PHOTO_TYPES = ("jpg", "png")


class StoredFile(models.Model):
    file_name = models.CharField(_("file"), max_length=255)  # as the person named it
    file_path = models.CharField(max_length=255)  # our name under settings.WORK_FILES_DIR
    file_type = models.CharField(max_length=8)  # a key of CONTENT_TYPES
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_photo(self) -> bool:
        return self.file_type in PHOTO_TYPES

    def serve(self) -> FileResponse:
        """The file for a reader the caller has checked: photos shown in the page, other
        files downloaded under their own name; cached by that browser only. 404 when the
        file is gone."""
        response = stored_file(
            settings.WORK_FILES_DIR,
            self.file_path,
            filename=self.file_name,
            as_attachment=not self.is_photo,
            content_type=CONTENT_TYPES[self.file_type],
        )
        response["Cache-Control"] = "private, max-age=3600"
        return response
