from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.views import participant_required

from . import services


@require_POST
@participant_required
def promotion_answer(request):
    """Accept the invitation to the next stage, or stay: both are fine."""
    accept = request.POST.get("answer") == "accept"
    try:
        ambassador = services.promotion_answer(user=request.user, accept=accept)
    except services.MissionError as error:
        messages.error(request, str(error))
    else:
        if accept:
            messages.success(
                request, _("Welcome to %(stage)s!") % {"stage": ambassador.stage_label}
            )
        else:
            messages.info(request, _("You stay where you are. The invitation stays open."))
    return redirect("ambassadors:dashboard")
