"""How an `Analysis` shows itself in Jupyter (`Analysis._repr_html_`): the frame that
`render.notebook` draws, in the colours and definitions of the model that made it.

The model is found by the name the analysis records; an analysis by a model that cannot be
found that way (a folder elsewhere, a renamed model) is drawn with generated colours and no
definitions rather than not at all.
"""

from __future__ import annotations

from propalens.detect import ModelError, model_taxonomy
from propalens.render.notebook import notebook_html
from propalens.schema import Analysis
from propalens.taxonomy import Taxonomy, TaxonomyError


def analysis_html(analysis: Analysis) -> str:
    return notebook_html(analysis, _taxonomy(analysis))


def _taxonomy(analysis: Analysis) -> Taxonomy:
    try:
        return model_taxonomy(analysis.model.name)
    except (ModelError, TaxonomyError):
        return Taxonomy(analysis.model.name, analysis.model.name, ())
