"""The batch's survey links (issue 13: one signer, one reversal) are the links one at a time."""

import pytest
from django.urls import resolve, reverse

from surveys.models import Survey
from surveys.tokens import survey_paths, survey_pk_from_token, survey_token
from tests.helpers import at

pytestmark = pytest.mark.django_db


def test_the_paths_of_a_batch_are_the_paths_one_at_a_time_and_open_their_survey(
    world, catalogue, open_ticket
):
    surveys = [
        Survey.objects.create(
            ticket=open_ticket(world.contact.user, now=at(2026, 11, 16, 10 + hour)),
            team=catalogue.team,
            sent_at=at(2026, 11, 17, 10),
        )
        for hour in range(2)
    ]
    paths = survey_paths(surveys)
    assert len(set(paths)) == 2
    for survey, path in zip(surveys, paths, strict=True):
        assert path == reverse("survey-answer", kwargs={"token": survey_token(survey)})
        match = resolve(path)
        assert match.url_name == "survey-answer"
        assert survey_pk_from_token(match.kwargs["token"]) == survey.pk
