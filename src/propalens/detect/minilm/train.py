"""Fine-tuning the MiniLM detector (`propalens train --model minilm` runs exactly this code).

The top encoder layers of all-MiniLM-L6-v2 are fine-tuned together with two heads, one pass per
window: a token tagger (is this piece inside a technique span?) and a technique classifier over
the gold spans that the window holds.  The embeddings and the bottom layers stay frozen, which
is faster on a CPU and means only the trained layers ship (fp16), not a copy of the base model.

A tenth of the training articles (by article, seeded) is held out to tune what gradient descent
does not: the tagging threshold, the classifier's temperature, its mix with the TF-IDF
classifier and the span-set cues, and the Platt calibration that makes span confidences read as
probabilities.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from propalens import __version__
from propalens.detect.cues import SPAN_CUES, sentence_index_of, span_cues
from propalens.detect.manifest import MODEL_FILE, TRAINING_FILE, taxonomy_reference
from propalens.detect.minilm.model import (
    NAME,
    EncodedArticle,
    Heads,
    Mixture,
    TransformerConfig,
    decode_spans,
    encode_article,
    mix,
    span_features,
    span_set_cues,
    token_states,
)
from propalens.detect.probability import softmax
from propalens.detect.registry import TrainingOptions
from propalens.detect.tfidf import TfidfClassifier
from propalens.detect.training import (
    LabeledArticle,
    fit_technique_classifier,
    load_splits,
    technique_indices,
)
from propalens.evaluate import score_si
from propalens.ptc import LabeledSpan
from propalens.ranges import Range
from propalens.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    import torch

THRESHOLDS = tuple(round(0.2 + 0.025 * step, 3) for step in range(21))
# Word pieces below the threshold that a span may bridge (None: the whole sentence).  PTC spans
# are often whole clauses, and on held-out articles wide gaps won: see MODELS.md.
MAX_GAPS: tuple[int | None, ...] = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, None)
CLASSIFIER_HIDDEN = 256  # width of the technique head's hidden layer


@dataclass(frozen=True)
class TrainingSettings:
    epochs: int = 4
    batch_size: int = 16
    trained_layers: tuple[int, ...] = (1, 2, 3, 4, 5)
    encoder_learning_rate: float = 1.5e-4
    head_learning_rate: float = 1e-3
    held_out_share: float = 0.1
    int8: bool = False  # per-channel int8 cost 0.6 SI F1 points on dev (MODELS.md): off
    max_steps: int | None = None  # for smoke tests: stop after this many steps
    threads: int | None = None


@dataclass(frozen=True)
class PreparedArticle:
    labeled: LabeledArticle
    encoded: EncodedArticle
    token_labels: NDArray[np.int64]
    spans: list[Range]
    techniques: list[int]
    cues: NDArray[np.float32]


def _prepare(tokenizer: Any, labeled: LabeledArticle, taxonomy: Taxonomy) -> PreparedArticle:
    text = labeled.text
    encoded = encode_article(tokenizer, text, labeled.sentences)
    labels = np.zeros(len(encoded), dtype=np.int64)
    for span in labeled.si:
        labels[encoded.tokens_in((span.start, span.end))] = 1
    spans = [(span.start, span.end) for span in labeled.tc]
    starts = [start for start, _ in encoded.sentences]
    cues = [span_cues(text, span, sentence_index_of(span, starts)) for span in spans]
    return PreparedArticle(
        labeled,
        encoded,
        labels,
        spans,
        technique_indices(labeled, taxonomy),
        np.asarray(cues, dtype=np.float32).reshape(len(spans), SPAN_CUES),
    )


def _network(config: TransformerConfig, label_count: int) -> torch.nn.Module:
    import torch
    from torch import nn

    from propalens.detect.minilm.encoder import load_encoder

    class PropagandaNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = load_encoder()
            hidden = self.encoder.config.hidden_size
            self.span_head = nn.Linear(hidden, 2)
            self.technique_head = nn.Sequential(
                nn.Dropout(0.1),
                nn.Linear(2 * hidden + SPAN_CUES, CLASSIFIER_HIDDEN),
                nn.GELU(),
                nn.Dropout(0.1),
                nn.Linear(CLASSIFIER_HIDDEN, label_count),
            )

        def forward(self, input_ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
            output: torch.Tensor = self.encoder(
                input_ids=input_ids, attention_mask=attention
            ).last_hidden_state
            return output

    network = PropagandaNetwork()
    for name, parameter in network.encoder.named_parameters():
        parameter.requires_grad = any(
            name.startswith(f"encoder.layer.{layer}.") for layer in config.trained_layers
        )
    torch.nn.init.zeros_(network.span_head.bias)
    return network


def _batches(
    articles: Sequence[PreparedArticle], config: TransformerConfig, size: int, rng: random.Random
) -> list[list[tuple[int, Range]]]:
    """Non-overlapping training windows, shifted by a random offset each epoch."""
    chosen: list[tuple[int, Range]] = []
    for index, article in enumerate(articles):
        shift = rng.randrange(config.window) if len(article.encoded) > config.window else 0
        bounds = [0, *range(shift or config.window, len(article.encoded), config.window)]
        bounds.append(len(article.encoded))
        chosen += [(index, (a, b)) for a, b in pairwise(bounds) if b > a]
    rng.shuffle(chosen)
    return [chosen[i : i + size] for i in range(0, len(chosen), size)]


def _step_loss(
    network: Any,
    articles: Sequence[PreparedArticle],
    batch: list[tuple[int, Range]],
    special_ids: tuple[int, int],
) -> torch.Tensor:
    import torch
    from torch.nn import functional

    width = max(end - start for _, (start, end) in batch) + 2
    input_ids = torch.zeros((len(batch), width), dtype=torch.long)
    attention = torch.zeros((len(batch), width), dtype=torch.long)
    token_labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, (index, (start, end)) in enumerate(batch):
        article = articles[index]
        length = end - start
        input_ids[row, : length + 2] = torch.tensor(
            [special_ids[0], *article.encoded.input_ids[start:end], special_ids[1]]
        )
        attention[row, : length + 2] = 1
        token_labels[row, 1 : length + 1] = torch.from_numpy(article.token_labels[start:end])
    states = network(input_ids, attention)
    span_logits = network.span_head(states)
    loss = functional.cross_entropy(span_logits.reshape(-1, 2), token_labels.reshape(-1))

    features, targets = [], []
    for row, (index, (start, end)) in enumerate(batch):
        article = articles[index]
        window_sentences = article.encoded.sentence_of[start:end]
        for span, technique, cues in zip(
            article.spans, article.techniques, article.cues, strict=True
        ):
            inside = article.encoded.tokens_in(span)
            inside = inside[(inside >= start) & (inside < end)] - start
            if len(inside) == 0:
                continue
            sentence = np.flatnonzero(window_sentences == window_sentences[inside[0]])
            features.append(
                torch.cat(
                    [
                        states[row, torch.from_numpy(inside + 1)].mean(dim=0),
                        states[row, torch.from_numpy(sentence + 1)].mean(dim=0),
                        torch.from_numpy(cues),
                    ]
                )
            )
            targets.append(technique)
    if features:
        logits = network.technique_head(torch.stack(features))
        loss = loss + functional.cross_entropy(logits, torch.tensor(targets))
    return loss


def _train_network(
    network: Any,
    articles: Sequence[PreparedArticle],
    config: TransformerConfig,
    settings: TrainingSettings,
    special_ids: tuple[int, int],
    seed: int,
    log: Any,
) -> int:
    import torch

    rng = random.Random(seed)
    encoder_parameters = [p for p in network.encoder.parameters() if p.requires_grad]
    head_parameters = [*network.span_head.parameters(), *network.technique_head.parameters()]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_parameters, "lr": settings.encoder_learning_rate},
            {"params": head_parameters, "lr": settings.head_learning_rate},
        ],
        weight_decay=0.01,
    )
    steps_per_epoch = len(_batches(articles, config, settings.batch_size, random.Random(0)))
    total = steps_per_epoch * settings.epochs
    if settings.max_steps is not None:
        total = min(total, settings.max_steps)
    warmup = max(1, total // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup))),
    )
    network.train()
    step = 0
    began = time.perf_counter()
    for epoch in range(settings.epochs):
        for batch in _batches(articles, config, settings.batch_size, rng):
            if step >= total:
                return step
            loss = _step_loss(network, articles, batch, special_ids)
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_([*encoder_parameters, *head_parameters], 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0:
                elapsed = time.perf_counter() - began
                log(f"epoch {epoch + 1} step {step}/{total} loss {loss.item():.3f} "
                    f"({step / elapsed:.2f} steps/s)")  # fmt: skip
    return step


def heads_from(network: Any) -> Heads:
    def array(tensor: Any) -> NDArray[np.float32]:
        return np.asarray(tensor.detach().float().numpy(), dtype=np.float32)

    first, last = network.technique_head[1], network.technique_head[4]
    return Heads(
        array(network.span_head.weight).T,
        array(network.span_head.bias),
        array(first.weight).T,
        array(first.bias),
        array(last.weight).T,
        array(last.bias),
    )


def torch_state_encoder(network: Any) -> Any:
    import torch

    def encode(input_ids: NDArray[np.int64], attention: NDArray[np.int64]) -> NDArray[np.float32]:
        with torch.inference_mode():
            states = network(torch.from_numpy(input_ids), torch.from_numpy(attention))
        return np.asarray(states.numpy(), dtype=np.float32)

    return encode


def _tune(
    held_out: Sequence[PreparedArticle],
    encoder: Any,
    heads: Heads,
    tfidf: TfidfClassifier,
    config: TransformerConfig,
    labels: tuple[str, ...],
    special_ids: tuple[int, int],
) -> tuple[TransformerConfig, dict[str, float]]:
    """Threshold, temperature, TF-IDF mix and calibration, fitted on held-out articles."""
    states = [
        token_states(encoder, a.encoded, config, special_ids, heads.hidden_size) for a in held_out
    ]
    probabilities = [heads.token_probabilities(s) for s in states]
    gold = [span for a in held_out for span in a.labeled.si]
    best_config, best_f1 = config, -1.0
    for threshold in THRESHOLDS:
        for gap in MAX_GAPS:
            trial = replace(config, span_threshold=threshold, max_gap=gap)
            predicted = [
                LabeledSpan(a.labeled.article.id, s.start, s.end)
                for a, p in zip(held_out, probabilities, strict=True)
                for s in decode_spans(a.labeled.text, a.encoded, p, trial)
            ]
            f1 = score_si(gold, predicted).f1 if predicted else 0.0
            if f1 > best_f1:
                best_config, best_f1 = trial, f1
    config = best_config

    logits, targets, tfidf_rows, set_rows = [], [], [], []
    for article, article_states in zip(held_out, states, strict=True):
        if not article.spans:
            continue
        text = article.labeled.text
        features = span_features(text, article.encoded, article_states, article.spans)
        logits.append(heads.technique_logits(features))
        targets += article.techniques
        tfidf_rows.append(
            tfidf.predict_proba_in(labels, text, article.spans, article.labeled.sentences)
        )
        set_rows.append(span_set_cues(text, article.spans))
    all_logits = np.vstack(logits)
    target = np.asarray(targets)
    tfidf_all = np.vstack(tfidf_rows)
    set_cues = np.vstack(set_rows)

    def nll(probabilities: NDArray[np.float64]) -> float:
        return float(-np.mean(np.log(probabilities[np.arange(len(target)), target] + 1e-9)))

    temperature = min((t / 10 for t in range(5, 31)), key=lambda t: nll(softmax(all_logits / t)))
    calibrated = softmax(all_logits / temperature)
    mixture = _fit_mixture(calibrated, tfidf_all, set_cues, target)
    config = replace(config, temperature=temperature, mixture=mixture)
    mixed = mix(calibrated, tfidf_all, mixture, set_cues)
    tc_accuracy = float(np.mean(np.argmax(mixed, axis=1) == target))

    # Platt scaling: does a predicted span overlap a gold span of its predicted technique?
    raw, hit = [], []
    for article, article_states, p in zip(held_out, states, probabilities, strict=True):
        text = article.labeled.text
        spans = decode_spans(text, article.encoded, p, config)
        if not spans:
            continue
        ranges = [(s.start, s.end) for s in spans]
        features = span_features(text, article.encoded, article_states, ranges)
        technique_p = mix(
            softmax(heads.technique_logits(features) / temperature),
            tfidf.predict_proba_in(labels, text, ranges, article.labeled.sentences),
            mixture,
            span_set_cues(text, ranges),
        )
        for span, row in zip(spans, technique_p, strict=True):
            best = int(np.argmax(row))
            raw.append(span.probability * row[best])
            hit.append(
                any(
                    g.start < span.end and span.start < g.end
                    and g.technique == labels[best]
                    for g in article.labeled.tc
                )
            )  # fmt: skip
    calibration = _platt(np.asarray(raw), np.asarray(hit, dtype=np.float64))
    config = replace(config, calibration=calibration)
    return config, {
        "held_out_si_f1": round(best_f1, 4),
        "held_out_tc_accuracy": round(tc_accuracy, 4),
        "held_out_spans_for_calibration": float(len(raw)),
    }


MIXTURE_REGULARISATIONS = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0)


def _fit_mixture(
    transformer: NDArray[np.float64],
    tfidf: NDArray[np.float64],
    set_cues: NDArray[np.float64],
    target: NDArray[np.int64],
) -> Mixture:
    """Per-technique mixture weights, with the regularisation chosen by 5-fold
    cross-validation over the held-out spans (accuracy of the mixed prediction)."""
    folds = np.arange(len(target)) % 5

    def cross_validated(strength: float) -> float:
        right = 0
        for fold in range(5):
            fit, check = folds != fold, folds == fold
            mixture = _fit_mixture_at(
                transformer[fit], tfidf[fit], set_cues[fit], target[fit], strength
            )
            mixed = mix(transformer[check], tfidf[check], mixture, set_cues[check])
            right += int(np.sum(np.argmax(mixed, axis=1) == target[check]))
        return right / len(target)

    strength = max(MIXTURE_REGULARISATIONS, key=cross_validated)
    return _fit_mixture_at(transformer, tfidf, set_cues, target, strength)


def _fit_mixture_at(
    transformer: NDArray[np.float64],
    tfidf: NDArray[np.float64],
    set_cues: NDArray[np.float64],
    target: NDArray[np.int64],
    strength: float,
) -> Mixture:
    """Per-technique weights of the two classifiers' log-probabilities, biases, and weights of
    the span-set cues.

    Maximum likelihood on the held-out spans, pulled (L2, `strength`) towards the best single
    weight for all techniques and no cue weights, so that a technique with few held-out spans
    keeps that mix.
    """
    from scipy.optimize import minimize

    classes = transformer.shape[1]
    log_transformer, log_tfidf = np.log(transformer + 1e-9), np.log(tfidf + 1e-9)
    onehot = np.eye(classes)[target]

    def accuracy(weight: float) -> float:
        logits = weight * log_transformer + (1 - weight) * log_tfidf
        return float(np.mean(np.argmax(logits, axis=1) == target))

    shared = max((w / 10 for w in range(11)), key=accuracy)
    rows = 3 + set_cues.shape[1]
    prior = np.zeros((rows, classes))
    prior[0], prior[1] = shared, 1 - shared

    def objective(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        a, b, bias, *cue_weights = theta.reshape(rows, classes)
        logits = a * log_transformer + b * log_tfidf + bias + set_cues @ np.vstack(cue_weights)
        logits = logits - logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        residual = np.exp(log_p) - onehot
        gradient = np.vstack(
            [
                (residual * log_transformer).sum(0),
                (residual * log_tfidf).sum(0),
                residual.sum(0),
                set_cues.T @ residual,
            ]
        ).ravel()
        gap = theta - prior.ravel()
        loss = -float((log_p * onehot).sum()) + strength * float(gap @ gap)
        return loss, gradient + 2 * strength * gap

    fitted = minimize(objective, prior.ravel(), jac=True, method="L-BFGS-B").x
    return tuple(tuple(float(value) for value in row) for row in fitted.reshape(rows, classes))


def _platt(raw: NDArray[np.float64], hit: NDArray[np.float64]) -> tuple[float, float]:
    if len(raw) < 10 or hit.min() == hit.max():
        return (1.0, 0.0)
    from sklearn.linear_model import LogisticRegression

    logit = np.log(np.clip(raw, 1e-6, 1 - 1e-6) / np.clip(1 - raw, 1e-6, 1.0))
    model = LogisticRegression(C=100.0).fit(logit.reshape(-1, 1), hit)
    return (float(model.coef_[0, 0]), float(model.intercept_[0]))


def train_transformer(
    data: Path,
    out: Path,
    *,
    splits: Sequence[str] = ("train",),
    seed: int = 0,
    settings: TrainingSettings = TrainingSettings(),
    taxonomy: str | Path = "ptc",
    limit_articles: int | None = None,
    log: Any = print,
) -> dict[str, object]:
    """Fine-tune on `splits` of the PTC folder `data` with the labels of `taxonomy` (a shipped
    name or a TOML file); write the model folder `out`."""
    import torch

    from propalens.detect.minilm.encoder import load_tokenizer, special_ids
    from propalens.detect.minilm.files import save_transformer

    began = time.perf_counter()
    torch.manual_seed(seed)
    if settings.threads:
        torch.set_num_threads(settings.threads)
    tokenizer = load_tokenizer()
    framing = special_ids(tokenizer)
    label_set = load_taxonomy(taxonomy)
    training, held_out = _split(
        [
            _prepare(tokenizer, a, label_set)
            for a in _articles(data, splits, limit_articles, label_set)
        ],
        settings.held_out_share,
        seed,
    )
    log(f"{len(training)} training and {len(held_out)} held-out articles")

    config = TransformerConfig(
        name=NAME,
        version=f"{__version__}+{'-'.join(splits)}",
        taxonomy=taxonomy_reference(taxonomy, out),
        trained_layers=settings.trained_layers,
        int8=settings.int8,
    )
    network = _network(config, len(label_set.labels))
    steps = _train_network(network, training, config, settings, framing, seed, log)
    network.eval()
    heads = heads_from(network)
    tfidf = fit_technique_classifier([article.labeled for article in training], label_set, seed)
    config, tuning = _tune(
        held_out, torch_state_encoder(network), heads, tfidf, config, label_set.labels, framing
    )
    save_transformer(out, config, network, heads, tfidf)
    report: dict[str, object] = {
        "model": {"name": config.name, "version": config.version},
        "splits": list(splits),
        "seed": seed,
        "articles": {"training": len(training), "held_out": len(held_out)},
        "steps": steps,
        "settings": settings.__dict__,
        "tuned": _tuned(config),
        **tuning,
        "training_seconds": round(time.perf_counter() - began, 1),
    }
    (out / TRAINING_FILE).write_text(json.dumps(report, indent=2) + "\n")
    return report


def _articles(
    data: Path, splits: Sequence[str], limit_articles: int | None, taxonomy: Taxonomy
) -> list[LabeledArticle]:
    labeled = load_splits(data, splits, taxonomy)
    return labeled if limit_articles is None else labeled[:limit_articles]


def _split(
    articles: Sequence[PreparedArticle], held_out_share: float, seed: int
) -> tuple[list[PreparedArticle], list[PreparedArticle]]:
    """Training and held-out articles: a seeded draw of whole articles."""
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    held = set(order[: max(1, round(held_out_share * len(articles)))])
    return (
        [a for i, a in enumerate(articles) if i not in held],
        [a for i, a in enumerate(articles) if i in held],
    )


def retune(
    model: Path,
    data: Path,
    *,
    splits: Sequence[str] = ("train",),
    seed: int = 0,
    held_out_share: float = TrainingSettings.held_out_share,
) -> dict[str, float]:
    """Re-fit a saved model's threshold, temperature, mixture and calibration on the same
    held-out articles its training drew (same data, splits and seed), with the encoder run
    through ONNX Runtime as at inference.  Training does this same tuning in-process."""
    from propalens.detect.minilm.encoder import load_tokenizer, special_ids
    from propalens.detect.minilm.files import (
        OnnxStateEncoder,
        load_heads,
        onnx_encoder_path,
    )

    config = TransformerConfig.load(model / MODEL_FILE)
    label_set = load_taxonomy(config.taxonomy, base=model)
    tokenizer = load_tokenizer()
    _, held_out = _split(
        [_prepare(tokenizer, a, label_set) for a in _articles(data, splits, None, label_set)],
        held_out_share,
        seed,
    )
    encoder = OnnxStateEncoder(onnx_encoder_path(model, config.int8))
    tfidf = TfidfClassifier.load(model / "classifier.npz")
    config, tuning = _tune(
        held_out,
        encoder,
        load_heads(model),
        tfidf,
        config,
        label_set.labels,
        special_ids(tokenizer),
    )
    config.save(model / MODEL_FILE)
    record = model / TRAINING_FILE
    if record.exists():
        report = json.loads(record.read_text())
        report.update({"tuned": _tuned(config), **tuning, "retuned": True})
        record.write_text(json.dumps(report, indent=2) + "\n")
    return tuning


def _tuned(config: TransformerConfig) -> dict[str, object]:
    return {
        "span_threshold": config.span_threshold,
        "max_gap": config.max_gap,
        "temperature": config.temperature,
        "mixture": config.mixture,
        "calibration": config.calibration,
    }


def train(data: Path, out: Path, options: TrainingOptions) -> dict[str, object]:
    """`propalens train --model minilm`."""
    defaults = TrainingSettings()
    settings = TrainingSettings(
        epochs=defaults.epochs if options.epochs is None else options.epochs,
        threads=options.threads,
    )
    return train_transformer(
        data,
        out,
        splits=options.splits,
        seed=options.seed,
        settings=settings,
        taxonomy=options.taxonomy,
        log=options.log,
    )
