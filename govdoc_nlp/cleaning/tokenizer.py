"""A Chinese tokenizer that cleans the text first and keeps the offset map on the Doc."""

from __future__ import annotations

from typing import Callable

import srsly
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path, registry
from spacy.vocab import Vocab

from govdoc_nlp import extensions
from govdoc_nlp.cleaning.cleaner import RULE_FILES, clean_text, compile_cleaning_rules
from govdoc_nlp.rule_files import DEFAULT, RuleFiles
from govdoc_nlp.segmentation.pkuseg_features import (MSGPACK_FILE, convert_features_to_text, convert_weights_to_npy,
                                                      load_pkuseg)
from govdoc_nlp.segmentation.user_dict import domain_words


class CleaningChineseTokenizer(ChineseTokenizer):
    """spaCy's ChineseTokenizer (char / jieba / pkuseg) run on cleaned text, with a domain user dictionary.
    Cleaning rules: the package's furniture.tsv and punctuation.tsv, or a folder of one's own given to
    :meth:`initialize`; saved with the pipeline."""

    def __init__(self, vocab: Vocab, segmenter: str = Segmenter.pkuseg) -> None:
        super().__init__(vocab, segmenter=segmenter)
        self.set_rules(RuleFiles.load(RULE_FILES))
        if self.segmenter == Segmenter.jieba:
            for word in domain_words():
                self.jieba_seg.add_word(word)  # jieba's dictionary is process-global; adding is idempotent

    def set_rules(self, files: RuleFiles) -> None:
        """Clean with these rule files (furniture.tsv, punctuation.tsv)."""
        self.rule_files = files
        self.cleaning_rules = compile_cleaning_rules(files)

    def initialize(self, get_examples=None, *, nlp: Language | None = None, pkuseg_model: str | None = None,
                   pkuseg_user_dict: str | None = "default", rules: str = DEFAULT) -> None:
        """Load the pkuseg model (pkuseg only), add the domain user dictionary, and read the cleaning rules from
        the package ("default") or a folder of one's own."""
        self.set_rules(RuleFiles.load(RULE_FILES, rules))
        if self.segmenter == Segmenter.pkuseg and pkuseg_model is None and self.pkuseg_seg is not None:
            return  # a loaded pipeline given rules of its own: its segmenter stays
        super().initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model, pkuseg_user_dict=pkuseg_user_dict)
        if self.segmenter == Segmenter.pkuseg:
            self.pkuseg_update_user_dict(list(domain_words()))

    def to_bytes(self, **kwargs) -> bytes:
        """spaCy's bytes, with the cleaning rule files."""
        return srsly.msgpack_dumps({"tokenizer": super().to_bytes(**kwargs), "rules": self.rule_files.texts})

    def from_bytes(self, data: bytes, **kwargs) -> "CleaningChineseTokenizer":
        """Read what :meth:`to_bytes` wrote."""
        msg = srsly.msgpack_loads(data)
        super().from_bytes(msg["tokenizer"], **kwargs)
        self.set_rules(RuleFiles(msg["rules"]))
        return self

    def to_disk(self, path, **kwargs) -> None:
        """Save as spaCy does, with pkuseg's feature tables as text lines and its weights as ``.npy`` (faster
        to load than msgpack and npz)."""
        super().to_disk(path, **kwargs)
        self.rule_files.to_disk(path)
        model_dir = ensure_path(path) / "pkuseg_model"
        if self.segmenter == Segmenter.pkuseg and (model_dir / MSGPACK_FILE).exists():
            if convert_features_to_text(model_dir):
                convert_weights_to_npy(model_dir)

    def from_disk(self, path, **kwargs) -> "CleaningChineseTokenizer":
        """Load a saved tokenizer; for pkuseg, from text, msgpack and npz only.

        spaCy's own loader builds the pkuseg object with its default dictionary, which unpickles a file
        shipped in spacy-pkuseg and is then replaced by the saved processors anyway; this skips it.
        """
        path = ensure_path(path)
        self._set_config(srsly.read_json(path / "cfg"))
        self.set_rules(RuleFiles.from_disk(path, RULE_FILES))
        if self.segmenter != Segmenter.pkuseg:
            return self
        import spacy_pkuseg

        self.pkuseg_seg = load_pkuseg(path / "pkuseg_model")
        user_dict, do_process, common_words, other_words = srsly.read_msgpack(path / "pkuseg_processors")
        self.pkuseg_seg.preprocesser = spacy_pkuseg.Preprocesser(user_dict)
        self.pkuseg_seg.postprocesser.do_process = do_process
        self.pkuseg_seg.postprocesser.common_words = set(common_words)
        self.pkuseg_seg.postprocesser.other_words = set(other_words)
        return self

    def segment(self, text: str) -> list[str]:
        """The segmenter's words for ``text`` (whitespace may be dropped or kept as words)."""
        if not text:
            return []
        if self.segmenter == Segmenter.jieba:
            return [w for w in self.jieba_seg.cut(text, cut_all=False) if w]
        if self.segmenter == Segmenter.pkuseg:
            return self.pkuseg_seg.cut(text)
        return list(text)

    def __call__(self, text: str) -> Doc:
        """Clean ``text``, segment the clean text, and store the raw text and offset map on the Doc."""
        if not isinstance(text, str):
            raise TypeError(f"govdoc_nlp expects str, got {type(text).__name__}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError(f"the text holds a lone surrogate ({text[err.start]!r}) at character {err.start}: "
                             "decode the source with errors='replace' or fix it") from None
        if self.segmenter == Segmenter.pkuseg and self.pkuseg_seg is None:
            raise ValueError("the pkuseg model is not loaded: run `govdoc setup` and load the pipeline with govdoc_nlp.load()")
        cleaned = clean_text(text, self.cleaning_rules)
        words, spaces = words_and_spaces(self.segment(cleaned.text), cleaned.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[extensions.RAW_KEY] = text
        doc.user_data[extensions.CLEAN_KEY] = cleaned.text
        doc.user_data[extensions.OFFSETS_KEY] = cleaned.offsets.to_dict()
        return doc


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """Align segmenter words with ``text`` into spaCy words and trailing-space flags, in linear time.

    Same result as ``spacy.util.get_words_and_spaces``, which slices the remaining text for every word and
    so takes quadratic time on a long report (minutes for a 5 MB document).
    """
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        found = text.find(word, pos)
        if found < 0:
            raise ValueError(f"segmenter output does not match the text at offset {pos}: {word!r}")
        if found > pos:
            out_words.append(text[pos:found])
            out_spaces.append(False)
        out_words.append(word)
        pos = found + len(word)
        trailing = pos < len(text) and text[pos] == " "
        out_spaces.append(trailing)
        pos += trailing
    if pos < len(text):
        out_words.append(text[pos:])
        out_spaces.append(False)
    return out_words, out_spaces


@registry.tokenizers("govdoc.CleaningChineseTokenizer.v1")
def create_cleaning_tokenizer(segmenter: str = "pkuseg") -> Callable[[Language], CleaningChineseTokenizer]:
    """Config entry point: ``[nlp.tokenizer] @tokenizers = "govdoc.CleaningChineseTokenizer.v1"``."""

    def make(nlp: Language) -> CleaningChineseTokenizer:
        return CleaningChineseTokenizer(nlp.vocab, segmenter=segmenter)

    return make
