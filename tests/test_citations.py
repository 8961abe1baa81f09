"""Sources as citations from the one list of documents (generator/site/citations.py)."""

from __future__ import annotations

from generator.site.citations import citations, document_citation
from generator.types import Source

CLUSTEM = "001_af2e630d849fcec9.txt"
WEBINAR = "003_f361f9cdaa2a5e4b.txt"


def test_every_document_has_a_citation_with_its_own_title_and_publisher(schemas):
    documents = schemas.vocabularies["document"]
    for document in documents.labels:
        cited = document_citation(documents, document)
        assert cited.title and cited.publisher, document
        assert ".txt" not in cited.text()
        assert cited.address is None or cited.address.startswith("https://"), document


def test_a_document_is_cited_once_with_its_sections_and_caveat(schemas):
    documents = schemas.vocabularies["document"]
    cited = citations(documents, [Source(document=CLUSTEM, section="Lessons learnt"),
                                  Source(title="ESCA", url="https://www.cluster-analysis.org"),
                                  Source(document=CLUSTEM, section="Transferring good practice", note="page 56")])
    assert [c.document for c in cited] == [CLUSTEM, None]
    clustem = cited[0]
    assert clustem.sections == (("Lessons learnt", None), ("Transferring good practice", "page 56"))
    assert clustem.caveat == documents.notes[CLUSTEM]
    assert clustem.text() == (
        "Clusters at the centre of competitiveness arena: how to excel. A practical guide of actions to implement, "
        "replicating the experience of cluster organisations partner of Clustem project. CLUSTEM project (its final "
        "publication), co-funded by the COSME programme of the European Union. "
        "Sections: “Lessons learnt”; “Transferring good practice” (page 56).")
    assert cited[1].text() == "ESCA. https://www.cluster-analysis.org."


def test_the_date_and_address_appear_only_where_the_document_gives_them(schemas):
    documents = schemas.vocabularies["document"]
    webinar = citations(documents, [Source(document=WEBINAR, section="Wrap-up and next steps")])[0]
    assert webinar.text(("Sección:", "Secciones:")).endswith(
        "28 April 2020. Sección: “Wrap-up and next steps”. https://www.clustercollaboration.eu.")
    assert document_citation(documents, CLUSTEM).date is None and document_citation(documents, CLUSTEM).address is None
