from eval.harness import Question, Returned, hit_rank, load_questions, score

Q = Question(
    "a1", "Wie deed het onderzoek?", "paraphrase", "nl", "e.txt", "Berenschot heeft de opdracht"
)
U = Question("u1", "Hoeveel banen?", "unanswerable", "nl", None, None)


def test_hit_needs_gold_document_and_evidence_inside_quote():
    quotes = [
        ("d.txt", "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd."),  # wrong doc
        ("e.txt", "Berenschot deed iets anders."),
        ("e.txt", "Het onderzoeksbureau Berenschot heeft  de\nopdracht uitgevoerd."),
    ]
    assert hit_rank(Q, Returned(quotes, False, 1.0)) == 3


def test_scores_recall_mrr_and_abstention():
    results = [
        Returned(
            [("e.txt", "x"), ("e.txt", "Berenschot heeft de opdracht uitgevoerd.")], False, 10
        ),
        Returned([], True, 30),
    ]
    s = score("test", [Q, U], results)
    assert s.recall == {1: 0.0, 3: 1.0, 5: 1.0}
    assert s.mrr == 0.5
    assert (s.abstain_precision, s.abstain_recall, s.false_abstention) == (1.0, 1.0, 0.0)
    assert s.latency_p50_ms == 20


def test_question_set_meets_its_brief():
    questions = load_questions()
    kinds = [q.kind for q in questions]
    assert len(questions) >= 80
    assert sum(q.lang == "en" for q in questions if q.answerable) >= 15
    assert kinds.count("typo") >= 10 and kinds.count("unanswerable") >= 15
    assert all(q.doc and q.evidence for q in questions if q.kind != "unanswerable")


def test_an_answer_that_quotes_another_passage_counts_as_answered_without_gold():
    gold = ("e.txt", "Berenschot heeft de opdracht uitgevoerd.")
    results = [
        Returned([("e.txt", "x"), gold], False, 10, cited=frozenset({1})),  # quotes rank 1 only
        Returned([gold], False, 10, cited=frozenset({1})),
        Returned([("e.txt", "x")], False, 10),  # an unanswerable question answered
    ]
    s = score("test", [Q, Q, U], results)
    assert s.recall[5] == 1.0  # retrieval found the gold both times ...
    assert s.answered_with_gold == 0.5  # ... but only one answer quotes it
    assert round(s.answered_without_gold, 3) == round(2 / 3, 3)
