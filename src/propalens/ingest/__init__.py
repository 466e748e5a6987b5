"""Reading inputs into `Document`s: text, HTML, URLs, JSONL/CSV corpora, PTC folders, stdin.

Bad inputs become `InputError` values that name the input, so one failure never hides the
rest of a batch; what reading had to change in an input is a warning on its `Document`.
"""

from propalens.errors import InputError
from propalens.ingest.decode import decode_bytes
from propalens.ingest.document import Document
from propalens.ingest.fetch import fetch_url
from propalens.ingest.html_extract import document_from_html
from propalens.ingest.options import IngestOptions
from propalens.ingest.readers import read_inputs, with_warnings_shown

__all__ = [
    "Document",
    "IngestOptions",
    "InputError",
    "decode_bytes",
    "document_from_html",
    "fetch_url",
    "read_inputs",
    "with_warnings_shown",
]
