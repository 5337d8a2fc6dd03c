"""The survey page (SRV-2): the e-mailed link works without logging in; one answer.

Each score in the e-mail is a link to this page with `?nota=N`: the page opens with that score
chosen (the client can still change it) and records nothing until the client confirms with a POST,
so a mail scanner that follows every link of a message answers nothing.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError

from .forms import SurveyForm, rating_from_link
from .selectors import survey_from_token
from .services import survey_answer


class SurveyAnswerView(View):
    """SRV-2: the survey link works without logging in or searching the portal; one answer."""

    template_name = "surveys/survey.html"

    def get(self, request, token: str):
        survey = survey_from_token(token)
        if survey is None:
            return render(request, "surveys/survey_invalid.html", status=404)
        chosen = rating_from_link(request.GET.get("nota"))
        form = SurveyForm(initial={"rating": chosen} if chosen else {})
        return render(request, self.template_name, {"survey": survey, "form": form, "chosen": chosen})

    def post(self, request, token: str):
        survey = survey_from_token(token)
        if survey is None:
            return render(request, "surveys/survey_invalid.html", status=404)
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey = survey_answer(
                    token=token,
                    rating=int(form.cleaned_data["rating"]),
                    solved={"yes": True, "no": False}.get(form.cleaned_data["solved"]),
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return render(request, "surveys/survey_thanks.html", {"survey": survey})
        return render(
            request,
            self.template_name,
            {"survey": survey, "form": form, "error": _("Confira a resposta.")},
            status=400,
        )
