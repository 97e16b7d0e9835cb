"""A character-level BERT tokenizer built from a corpus (one token per Chinese character)."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def character_vocabulary(texts: Iterable[str], min_count: int = 2, max_size: int = 8000) -> list[str]:
    """Special tokens, then the characters seen at least ``min_count`` times (most frequent first); every ASCII
    letter and digit also gets its word-continuation form (``##5``) so numbers and Latin words split into characters."""
    from tokenizers import normalizers

    normalize = _normalizer(normalizers).normalize_str
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(normalize(text))
    chars = [c for c, n in counts.most_common() if n >= min_count and not c.isspace()]
    ascii_chars = list("0123456789abcdefghijklmnopqrstuvwxyz")
    vocab = list(SPECIAL_TOKENS) + [c for c in chars if c not in SPECIAL_TOKENS][: max_size]
    seen = set(vocab)
    vocab += [c for c in ascii_chars if c not in seen]
    vocab += ["##" + c for c in ascii_chars]
    return vocab


def _normalizer(normalizers):
    # NFKC folds full-width digits and letters (People's Daily writes １９９８) into the forms reports use.
    return normalizers.Sequence([normalizers.NFKC(), normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=True)])


def build_char_tokenizer(vocab: list[str], model_max_length: int = 128):
    """A ``PreTrainedTokenizerFast`` (BERT conventions: [CLS] A [SEP] B [SEP], token types) over ``vocab``."""
    from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece
    from transformers import PreTrainedTokenizerFast

    ids = {token: i for i, token in enumerate(vocab)}
    tok = Tokenizer(WordPiece(ids, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = _normalizer(normalizers)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    cls, sep = ids["[CLS]"], ids["[SEP]"]
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    tok.decoder = decoders.WordPiece(prefix="##")
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
        mask_token="[MASK]", model_max_length=model_max_length,
        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
