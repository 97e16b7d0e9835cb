"""MetricRecognizer: METRIC spans on characters, with readings from the MetricNormalizer functions."""

from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text  # importing it registers Span._.metric
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.metrics.normalizer import (
    find_following_subject,
    find_subject,
    strip_years,
    normalize_quantity,
    normalize_rank,
    normalize_ratio,
)
from govdoc_nlp.metrics.patterns import (RULE_FILES, MetricLexicon, MetricRules, compile_metric_rules,
                                         default_metric_rules)
from govdoc_nlp.rule_files import RuleFileComponent, RuleFiles
from govdoc_nlp.saved_files import BytesFromFiles

_LIST_JOINS = ("、", "和", "及")  # 分别增长12.5%、17.2%和8%: the later figures share the first one's direction


def find_metrics(text: str, rules: MetricRules | None = None) -> list[CharSpan]:
    """Non-overlapping METRIC spans in ``text`` with their readings, in text order (``rules``: default the
    package's)."""
    rules = rules or default_metric_rules()
    quantity, rank, ratio, lex = rules.quantity, rules.rank, rules.ratio, rules.lexicon
    candidates: list[CharSpan] = []
    for m in rank.finditer(text):
        candidates.append(CharSpan(m.start(), m.end(), "METRIC", "metric", normalize_rank(m)))
    for m in ratio.finditer(text):
        candidates.append(CharSpan(m.start(), m.end(), "METRIC", "metric", normalize_ratio(m)))
    for m in quantity.finditer(text):
        reading = normalize_quantity(m, lex)
        if reading is not None:
            candidates.append(CharSpan(reading.pop("_start"), m.end(), "METRIC", "metric", reading))
    candidates.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken: list[CharSpan] = []
    used: set[int] = set()
    for cand in candidates:
        if not used.intersection(range(cand.start, cand.end)):
            taken.append(cand)
            used.update(range(cand.start, cand.end))
    taken.sort(key=lambda s: s.start)
    _fill_context(text, taken, lex)
    return taken


def _fill_context(text: str, spans: list[CharSpan], lex: MetricLexicon) -> None:
    """Subjects, and directions carried over 、 in lists like 分别增长12.5%、17.2%."""
    previous: CharSpan | None = None
    previous_end = 0  # where the previous figure's words end: after its number, or after a subject written after it
    for span in spans:
        reading = span.value
        linked = previous is not None and text[previous_end:span.start] in _LIST_JOINS
        if linked and previous.value["kind"] == "change" and reading["direction"] is None and reading["kind"] != "rank":
            reading["direction"] = previous.value["direction"]
            reading["kind"] = "change"
        subject = find_subject(text, span.start, lex)
        follows = subject is None and reading["kind"] == "count"
        if follows:
            subject = find_following_subject(text, span.end, lex)
        if subject is None and linked:
            subject = previous.value["subject"]
        if subject is None and previous is not None and reading["kind"] in ("rank", "change"):
            # 地区生产总值4210.18亿元、全省第7，增长3.4%: a bare rank or change describes the previous figure.
            between = strip_years(text[previous_end:span.start])
            if len(between) <= 2 and all(ch in "、，," for ch in between):
                subject = previous.value["subject"]
        reading["subject"] = subject
        previous = span
        previous_end = span.end + (len(subject) if follows and subject else 0)


class MetricRecognizer(RuleFileComponent, BytesFromFiles):
    """Finds METRIC spans and sets ``span._.metric``. Rules: the package's metric_units.tsv and metric_words.tsv,
    or a folder of one's own given to :meth:`initialize`; saved with the pipeline."""

    RULE_FILES = RULE_FILES

    def __init__(self, nlp: Language, name: str = "govdoc_metrics") -> None:
        self.name = name
        self.initialize()

    def compile_rules(self, files: RuleFiles) -> None:
        """The lexicon and patterns of ``files``."""
        self.rules = compile_metric_rules(files)

    def __call__(self, doc: Doc) -> Doc:
        """Add METRIC entities to ``doc``."""
        return add_entities(doc, find_metrics(doc_text(doc), self.rules))


@Language.factory("govdoc_metrics", assigns=["doc.user_data"])
def make_metric_recognizer(nlp: Language, name: str) -> MetricRecognizer:
    """spaCy factory for :class:`MetricRecognizer`."""
    return MetricRecognizer(nlp, name)
