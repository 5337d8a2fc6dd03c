"""The knowledge base (SELF-1, SELF-2, SELF-7): every signed-in user reads the published articles, their
images and videos, and gets suggestions; answering "Esta resposta ajudou?" and saying a suggestion
solved it take POST only (405 on GET). Articles belong to no company, so Beta's administrator reads
them too. Back-office: analysts and leaders write articles (leaders alone remove one); readers'
answers are read-only; the tickets not opened are the leaders' (analysts 403). The API answers 401
to anonymous callers."""

from . import VIEW, logged_in, row

POST_ONLY = logged_in(405)
API = 401

PORTAL = {
    "kb-home": (lambda o: {}, logged_in(200)),
    "kb-videos": (lambda o: {}, logged_in(200)),
    "kb-suggestions": (lambda o: {}, logged_in(200)),
    "kb-deflect": (lambda o: {}, POST_ONLY),
    "kb-article": (lambda o: {"slug": o["kb_article"].slug}, logged_in(200)),
    "kb-video": (lambda o: {"slug": o["kb_video"].slug}, logged_in(200)),
    "kb-feedback": (lambda o: {"slug": o["kb_article"].slug}, POST_ONLY),
    "kb-image": (lambda o: {"pk": o["kb_image"].pk}, logged_in(200)),
    "api-kb-articles": (lambda o: {}, logged_in(200, anonymous=API)),
    "api-kb-article": (lambda o: {"slug": o["kb_article"].slug}, logged_in(200, anonymous=API)),
    "api-kb-feedback": (lambda o: {"slug": o["kb_article"].slug}, logged_in(405, anonymous=API)),
    "api-kb-suggestions": (lambda o: {}, row(API, 400, 400, 400, 400, 400, 400)),  # `q` is required
    "api-kb-deflections": (lambda o: {}, logged_in(405, anonymous=API)),
}

ADMIN_MODELS = {
    "knowledge_article": {"analyst": VIEW | {"add"}, "leader": VIEW | {"add", "delete"}},
    "knowledge_articlefeedback": {"analyst": VIEW, "leader": VIEW},
    "knowledge_deflection": {"analyst": set(), "leader": VIEW},
}
# The preview takes POST only; the summary of tickets not opened is the leaders'.
ADMIN_SITE = {
    "admin:knowledge_article_preview": {"analyst": 405, "leader": 405},
    "admin:knowledge_deflection_report": {"analyst": 403, "leader": 200},
}


def objects(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge import services
    from knowledge.models import Article, ArticleFeedback, ArticleImage, Deflection

    article = services.article_save(
        actor=world.analyst,
        article=Article(title="Matriz: como calcular férias", body="Texto.", status=Article.Status.PUBLISHED),
    )
    video = Article(title="Matriz: vídeo", kind=Article.Kind.VIDEO, status=Article.Status.PUBLISHED)
    video.video = SimpleUploadedFile("aula.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 32)
    video = services.article_save(actor=world.analyst, article=video)
    image = ArticleImage(article=article, alt="Tela")
    image.image = SimpleUploadedFile("tela.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    image = services.image_save(actor=world.analyst, image=image)
    feedback = ArticleFeedback.objects.create(article=article, user=world.contact.user, helpful=True)
    deflection = Deflection.objects.create(user=world.contact.user, company=world.company, article=article)
    return {
        "kb_article": article,
        "kb_video": video,
        "kb_image": image,
        "knowledge_article": article,
        "knowledge_articlefeedback": feedback,
        "knowledge_deflection": deflection,
    }
