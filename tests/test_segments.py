"""Headline, lead and body are separate: no sentence, mention or quote crosses them."""

from dateline.ingest.articles import article_from_fields
from dateline.nlp.analysis import analyze_article


def test_no_sentence_crosses_a_segment(nlp):
    article = article_from_fields(
        origin="t.csv:2",
        title="Coal profits might be unsustainable",
        lead="Chinese coal companies turned major profits last year",
        body="Rising coal prices are responsible, one leading industry expert said on Monday. "
        "Jiang Zhimin, president of the association, warned that most coal companies are "
        "still in the red.",
    )
    analysis = analyze_article(article)
    text = article.text
    boundaries = [article.title_span[1], article.lead_span[1]]
    for mention in analysis.mentions:
        assert not any(mention.span[0] < b < mention.span[1] for b in boundaries), mention
    for quote in analysis.quotes:
        for start, end in quote.content_spans:
            assert "\n" not in text[start:end], quote
    for event in analysis.events:
        for start, end in event.clause_spans:
            assert "\n" not in text[start:end].strip(), event
    doc = nlp.make_doc(text)
    doc._.segment_starts = tuple(b + 1 for b in boundaries)
    sentences = [s.text for s in nlp(doc).sents]
    assert sentences[0].strip() == "Coal profits might be unsustainable"
    assert sentences[1].strip() == "Chinese coal companies turned major profits last year"
