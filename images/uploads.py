"""Uploads bigger than NEWSDESK_MAX_IMAGE_BYTES are refused while they arrive, not after.

`SizeLimitUploadHandler` sits first in FILE_UPLOAD_HANDLERS. It passes each
chunk of an uploaded file on to Django's handlers (memory, then a temporary
file) until the file passes the limit; from then on nothing more of it is
kept, what the later handlers had is dropped, and the file is replaced by a
`RefusedUpload`. The rest of that file is still read off the connection and
thrown away, chunk by chunk, so the other fields of the form arrive and the
editor gets the form back with a message on the field (nginx caps the whole
request: `client_max_body_size` in deploy/nginx.conf).
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _


class RefusedUpload(UploadedFile):
    """Stands in for a file refused for its size: only its name and size are left.

    Reading it raises the refusal as a ValidationError. Django's form fields
    read an upload to check it (forms.ImageField opens it with Pillow), so
    the message lands on the upload's own field; the model's image validator
    (images.checks.validate_image) refuses it on its size as well, and a
    storage could never save it.
    """

    def __init__(self, name: str, content_type: str, size: int, limit: int):
        super().__init__(file=io.BytesIO(), name=name, content_type=content_type, size=size)
        self.limit = limit

    def refusal(self) -> ValidationError:
        from images.checks import validate_image  # the same message as any other too-big image

        try:
            validate_image(self)
        except ValidationError as exc:
            return exc
        return ValidationError(_("ファイルが大きすぎます。"), code="file_too_large")

    def read(self, *args, **kwargs):
        raise self.refusal()

    def chunks(self, chunk_size=None):
        raise self.refusal()

    def open(self, mode=None, *args, **kwargs):
        raise self.refusal()

    def __iter__(self):
        raise self.refusal()


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops keeping an uploaded file once it passes settings.NEWSDESK_MAX_IMAGE_BYTES."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.NEWSDESK_MAX_IMAGE_BYTES

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.refused:
            return None
        if self.received > self.limit:
            self.refused = True
            # The handlers after this one drop what they hold (a temporary file is deleted).
            later = self.request.upload_handlers[self.request.upload_handlers.index(self) + 1:]
            for handler in later:
                handler.upload_interrupted()
            return None  # neither this chunk nor any later one reaches the other handlers
        return raw_data

    def file_complete(self, file_size):
        if not self.refused:
            return None  # the next handler makes the uploaded file
        return RefusedUpload(self.file_name, self.content_type, self.received, self.limit)
