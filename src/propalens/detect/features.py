"""Hashed sparse features shared by the baseline's tagger and the TF-IDF classifier.

Feature hashing keeps the shipped model a plain weight matrix: no vocabulary to store, no
pickled estimator, and the same vectors whatever scikit-learn version is installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import normalize

SparseMatrix = Any  # scipy.sparse.csr_matrix; scipy ships no type stubs


def hash_features(rows: Iterable[Sequence[str]], n_features: int) -> SparseMatrix:
    hasher = FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False)
    return hasher.transform(rows).tocsr()


def tfidf(counts: SparseMatrix, idf: NDArray[np.float32]) -> SparseMatrix:
    """Sublinear TF times IDF, rows L2-normalised: TfidfTransformer's output, without its state."""
    weighted = counts.copy().astype(np.float32)
    weighted.data = 1.0 + np.log(weighted.data)
    return normalize(weighted.multiply(idf).tocsr())


def inverse_document_frequency(counts: SparseMatrix) -> NDArray[np.float32]:
    """Smoothed IDF, as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1."""
    n_rows = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n_rows) / (1.0 + document_frequency)) + 1.0
    return np.asarray(idf, dtype=np.float32)


def with_dense(hashed: SparseMatrix, dense: NDArray[np.float64]) -> SparseMatrix:
    return sparse.hstack([hashed, sparse.csr_matrix(dense)], format="csr")
