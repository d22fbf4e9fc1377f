from torino_social_factory.models import Page


def test_rich_text_is_sanitised_on_save(db):
    page = Page.objects.create(
        slug="faq",
        title="FAQ",
        body='<p style="color:red" onclick="x()">Ciao<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">link</a><h2>Titolo</h2>',
    )
    page.refresh_from_db()
    assert "<script" not in page.body and "alert(1)" not in page.body
    assert "style=" not in page.body and "onclick" not in page.body
    assert "javascript:" not in page.body
    assert "<p>Ciao</p>" in page.body and "<h2>Titolo</h2>" in page.body
