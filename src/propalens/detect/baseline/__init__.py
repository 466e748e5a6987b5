"""The baseline detector: token-level logistic regression marks spans, the TF-IDF classifier
labels them.

It exists so that the whole pipeline runs end to end with an honest, cheap model and gives the
MiniLM detector a floor to beat.
"""

from propalens.detect.baseline.files import NAME, load_baseline
from propalens.detect.baseline.train import train
from propalens.detect.registry import DetectorKind

KIND = DetectorKind(NAME, load_baseline, train)
