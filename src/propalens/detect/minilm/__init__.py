"""The MiniLM detector (the default): all-MiniLM-L6-v2, its top layers fine-tuned, tags spans
and classifies them from one encoder pass, mixed with the TF-IDF classifier."""

from propalens.detect.minilm.files import load_minilm
from propalens.detect.minilm.model import NAME
from propalens.detect.minilm.train import train
from propalens.detect.registry import DetectorKind

KIND = DetectorKind(NAME, load_minilm, train)
