"""The labels and colours of the store's views (exports, the report), in one place.

They come from the model's taxonomy, widened with every label the store holds: a store may
hold analyses by another model, and none of their labels may be dropped or share a colour.
"""

from __future__ import annotations

from propalens.detect import model_taxonomy
from propalens.store import AnalysisStore, stored_labels
from propalens.taxonomy import Taxonomy


def store_taxonomy(store: AnalysisStore, model: str | None = None) -> Taxonomy:
    """`model`'s taxonomy, plus the labels found in `store` that it lacks."""
    return model_taxonomy(model).covering(stored_labels(store))
