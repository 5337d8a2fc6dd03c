"""The survey page (SRV-2): the e-mailed link works without logging in; one answer."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError

from .forms import SurveyForm
from .selectors import survey_from_token
from .services import survey_answer


class SurveyAnswerView(View):
    """SRV-2: the survey link works without logging in or searching the portal; one answer."""

    template_name = "surveys/survey.html"

    def get(self, request, token: str):
        survey = survey_from_token(token)
        if survey is None:
            return render(request, "surveys/survey_invalid.html", status=404)
        return render(request, self.template_name, {"survey": survey, "form": SurveyForm()})

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
