"""Train the parser's line classifier on rendered issues (their gold holds each line's role).

    python -m articles.bench.quality.train OUT/dev --out articles/ocr/data/line_model.json

Every candidate headline line the parser weighs (``LineContext.wanted``: shaped as a headline
where the OCR kept no blank lines, or set apart) becomes one sample: its features
(:func:`articles.ocr.linemodel.features`, computed exactly as when parsing) and its role as
rendered, folded into the model's classes. A fifth of the issues (by a hash of their name)
is kept apart for validation; per-class precision and recall on it are printed, then the
model is fitted again on every issue and written as JSON. The fit is full-batch gradient
descent on standardised features for a fixed number of steps, so the same files give the
same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from articles.ocr.linecontext import line_context
from articles.ocr.linemodel import CLASSES, FEATURES, ROLE_CLASS, LineModel, features
from articles.ocr.lines import read_lines
from articles.ocr.masthead import drop_repeated_mastheads, read_masthead
from articles.ocr.types import ParsedIssue

VALIDATION_PERCENT = 20
ITERATIONS = 600
STEP = 0.5
L2 = 1e-3


@dataclass(slots=True)
class Samples:
    issues: list[str]
    rows: list[list[float]]
    labels: list[int]


def issue_samples(text: str, roles: list[str]) -> tuple[list[list[float]], list[int]]:
    """The candidate lines of one issue file, with the class of the role each was printed as."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    issue = ParsedIssue()  # the masthead read here is not wanted, only the lines after it
    lines = drop_repeated_mastheads(read_masthead(read_lines(text), issue), issue)
    context = line_context(lines)
    rows: list[list[float]] = []
    labels: list[int] = []
    for i, line in enumerate(lines):
        if not context.wanted[i] or line.number > len(roles):
            continue
        label = ROLE_CLASS.get(roles[line.number - 1])
        if label is None:  # a headline run into its first line: two roles in one line
            continue
        rows.append(features(i, lines, context))
        labels.append(CLASSES.index(label))
    return rows, labels


def read_samples(folders: list[Path]) -> Samples:
    samples = Samples([], [], [])
    for folder in folders:
        for gold_path in sorted(folder.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            roles = gold.get("line_roles")
            text_path = gold_path.with_suffix(".txt")
            if roles is None or not text_path.exists():
                continue
            rows, labels = issue_samples(text_path.read_text(encoding="utf-8"), roles)
            samples.issues += [gold_path.stem] * len(rows)
            samples.rows += rows
            samples.labels += labels
    return samples


def held_for_validation(issue: str) -> bool:
    digest = hashlib.sha1(issue.encode("utf-8")).hexdigest()  # noqa: S324 - a split, not security
    return int(digest, 16) % 100 < VALIDATION_PERCENT


def fit(rows: list[list[float]], labels: list[int], *, iterations: int = ITERATIONS) -> LineModel:
    """Multinomial logistic regression by full-batch gradient descent (deterministic)."""
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    k = len(CLASSES)
    onehot = np.zeros((len(y), k))
    onehot[np.arange(len(y)), y] = 1.0
    weights = np.zeros((k, z.shape[1]))
    bias = np.zeros(k)
    for _ in range(iterations):
        scores = z @ weights.T + bias
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - onehot) / len(y)
        weights -= STEP * (error.T @ z + L2 * weights)
        bias -= STEP * error.sum(axis=0)
    return LineModel(
        classes=CLASSES,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(tuple(float(w) for w in row) for row in weights),
        bias=tuple(float(b) for b in bias),
    )


def precision_recall(
    model: LineModel, rows: list[list[float]], labels: list[int]
) -> dict[str, tuple[float, float, int]]:
    """Per class: precision, recall and the number of samples of that class."""
    predicted = []
    for row in rows:
        p = model.probabilities(row)
        predicted.append(max(range(len(p)), key=p.__getitem__))
    out = {}
    for c, name in enumerate(model.classes):
        tp = sum(1 for g, q in zip(labels, predicted, strict=True) if g == c and q == c)
        said = sum(1 for q in predicted if q == c)
        real = sum(1 for g in labels if g == c)
        out[name] = (tp / said if said else 0.0, tp / real if real else 0.0, real)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.bench.quality.train")
    parser.add_argument("folders", type=Path, nargs="+", help="rendered issues with their gold")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model")
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args(argv)
    samples = read_samples(args.folders)
    if not samples.rows:
        parser.error("no issue with line roles found")
    apart = [held_for_validation(issue) for issue in samples.issues]
    train = [k for k, v in enumerate(apart) if not v]
    valid = [k for k, v in enumerate(apart) if v]
    print(f"{len(samples.rows)} candidate lines, {len(valid)} kept for validation, {len(FEATURES)} features")
    if train and valid:
        model = fit([samples.rows[k] for k in train], [samples.labels[k] for k in train],
                    iterations=args.iterations)
        report = precision_recall(model, [samples.rows[k] for k in valid],
                                  [samples.labels[k] for k in valid])
        for name, (precision, recall, count) in report.items():
            print(f"{name:12} n={count:5d}  precision {precision:.3f}  recall {recall:.3f}")
    model = fit(samples.rows, samples.labels, iterations=args.iterations)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
