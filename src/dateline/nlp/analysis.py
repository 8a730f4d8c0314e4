"""From ``Article`` records to ``Analysis`` records: the only place that runs the pipeline.

No spaCy object leaves this module: each parsed article comes back as an ``Analysis`` of typed
records. With ``n_process > 1`` the articles are analysed in a pool of worker processes, each
with its own pipeline; the caller (the one writer) receives plain records.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import AnalysisError, DatelineError
from dateline.nlp.pipeline import make_pipeline
from dateline.records import Analysis, Article, Failure
from dateline.settings import Settings


def analyze_articles(
    articles: Iterable[Article], settings: Settings | None = None
) -> Iterator[Analysis | Failure]:
    """Analyse articles in order of arrival (in process, or in a pool of ``n_process``)."""
    s = settings or Settings()
    if s.n_process <= 1:
        nlp = make_pipeline(s)
        for batch in _batches(articles, s.batch_size):
            yield from _analyze_batch(nlp, batch)
        return
    yield from _analyze_in_pool(articles, s)


def analyze_article(
    article: Article, settings: Settings | None = None, strict: bool = False
) -> Analysis:
    """One article's analysis. An error in the pipeline propagates, or with ``strict`` is an
    ``AnalysisError`` that names the article (the Python API raises only ``DatelineError``)."""
    nlp = make_pipeline(settings)
    if not strict:
        return _to_analysis(article, nlp(_prepared_doc(nlp, article)))
    try:
        return _to_analysis(article, nlp(_prepared_doc(nlp, article)))
    except DatelineError:
        raise
    except Exception as err:  # typed at the library's edge, with what failed
        raise AnalysisError(
            f"{article.origin}: cannot analyse it ({type(err).__name__}: {err})"
        ) from err


def _analyze_batch(nlp: Language, batch: list[Article]) -> list[Analysis | Failure]:
    try:
        docs = nlp.pipe(_prepared_doc(nlp, a) for a in batch)
        return [_to_analysis(a, d) for a, d in zip(batch, docs, strict=True)]
    except Exception:  # one bad article must not sink its batch: retry them one at a time
        return [_analyze_one(nlp, article) for article in batch]


def _analyze_one(nlp: Language, article: Article) -> Analysis | Failure:
    try:
        return _to_analysis(article, nlp(_prepared_doc(nlp, article)))
    except Exception as err:  # recorded as a failure of this article, and the batch goes on
        return Failure(article.origin, "analyze", f"{type(err).__name__}: {err}")


def _prepared_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised doc that carries what the components need to know of the article."""
    doc = nlp.make_doc(article.text)
    anchor = article.date
    doc._.anchor_date = anchor.isoformat() if anchor else None
    doc._.article_source = article.source or (article.dateline.agency if article.dateline else None)
    if article.title_span is not None:
        doc._.title_spans = (article.title_span,)  # a headline sums up the body's events
    starts = [s[1] + 1 for s in (article.title_span, article.lead_span) if s]
    if article.dateline is not None:  # "SEOUL, Sept. 3 (Reuters) -" is no subject of the story
        starts.append(article.body_start)
    doc._.segment_starts = tuple(starts)
    dateline = article.dateline
    if dateline is not None:
        doc._.skip_spans = (dateline.span,)
        doc._.dateline_place = dateline.place
        doc._.dateline_span = dateline.span
        doc._.anchor_inferred = article.published is None and dateline.year_inferred
        if dateline.agency_span is not None:
            doc._.source_spans = (dateline.agency_span,)
    if article.lead_in_body and article.lead_span is not None:
        doc._.repeat_spans = (article.lead_span,)  # read once, in the body
    return doc


def _to_analysis(article: Article, doc: Doc) -> Analysis:
    return Analysis(
        article=article,
        actors=tuple(doc._.actors or ()),
        mentions=tuple(doc._.mentions or ()),
        dates=tuple(doc._.dates or ()),
        places=tuple(doc._.places or ()),
        quotes=tuple(doc._.quotes or ()),
        events=tuple(doc._.events or ()),
        quantities=tuple(doc._.quantities or ()),
    )


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# -- worker pool -------------------------------------------------------------------------------
_worker_settings: Settings | None = None
_PR_SET_PDEATHSIG = 1


def _init_worker(settings: Settings, parent: int) -> None:
    global _worker_settings
    _worker_settings = settings
    _die_with_parent(parent)
    # Each worker is one process on one core; BLAS threads would only contend.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    make_pipeline(settings)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the process that started it (killed by SIGKILL, its pool's
    workers went on running): on Linux the kernel sends SIGTERM to the worker when its parent
    dies (prctl PR_SET_PDEATHSIG); a parent already gone ends the worker at once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


def _work(batch: list[Article]) -> list[Analysis | Failure]:
    return _analyze_batch(make_pipeline(_worker_settings), batch)


def _analyze_in_pool(articles: Iterable[Article], s: Settings) -> Iterator[Analysis | Failure]:
    # At most two batches in flight per worker keeps memory flat however many articles come.
    in_flight = 2 * s.n_process
    pool = ProcessPoolExecutor(s.n_process, initializer=_init_worker, initargs=(s, os.getpid()))
    try:
        pending: list[Future[list[Analysis | Failure]]] = []
        for batch in _batches(articles, s.batch_size):
            pending.append(pool.submit(_work, batch))
            if len(pending) >= in_flight:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:  # interrupted (Ctrl-C, SIGTERM) or done: no batch is left running in a worker
        pool.shutdown(wait=True, cancel_futures=True)
