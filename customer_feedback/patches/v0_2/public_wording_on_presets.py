"""Presets installed before the public pages lack the stage wording those pages show ("Handled by") and
Solihull's rule that customers say why they want the next stage. Fill them from the presets, only where the
new field is still empty or at its default, so nothing an administrator has set is overwritten."""

import frappe

from customer_feedback.setup.policy_presets import PRESETS


def execute():
	for preset in PRESETS:
		if not frappe.db.exists("Feedback Policy", preset["policy_name"]):
			continue
		policy = frappe.get_doc("Feedback Policy", preset["policy_name"])
		wording = {row["stage_number"]: row.get("handled_by") for row in preset.get("stages", [])}
		changed = False
		for stage in policy.stages:
			if not stage.handled_by and wording.get(stage.stage_number):
				stage.handled_by = wording[stage.stage_number]
				changed = True
		if preset.get("escalation_reason_required") and not policy.escalation_reason_required:
			policy.escalation_reason_required = 1
			changed = True
		if changed:
			policy.flags.ignore_permissions = True
			policy.save()
