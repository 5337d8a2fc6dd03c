"""django-celery-beat's admin: periodic task definitions are the superuser's, not the team's."""

from django.utils import timezone

MODELS = ("periodictask", "clockedschedule", "crontabschedule", "solarschedule", "intervalschedule")
ADMIN_MODELS = {f"django_celery_beat_{model}": {"analyst": set(), "leader": set()} for model in MODELS}


def objects(world) -> dict:
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    return {
        "django_celery_beat_periodictask": PeriodicTask.objects.create(name="t", task="t", interval=interval),
        "django_celery_beat_intervalschedule": interval,
        "django_celery_beat_crontabschedule": CrontabSchedule.objects.create(),
        "django_celery_beat_solarschedule": SolarSchedule.objects.create(
            event="sunrise", latitude=0, longitude=0
        ),
        "django_celery_beat_clockedschedule": ClockedSchedule.objects.create(clocked_time=timezone.now()),
    }
