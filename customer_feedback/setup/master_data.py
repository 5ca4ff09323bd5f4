"""Default complaint and learning categories and remedies, created once on install; administrators edit them."""

COMPLAINT_CATEGORIES = [
	# Solihull's categories (Appendix B).
	("Dissatisfaction in service delivery", "Solihull Council"),
	("Dissatisfaction with the way we apply policy, a decision or a procedure", "Solihull Council"),
	("Refusal to answer reasonable questions, misleading or unsuitable advice", "Solihull Council"),
	("Impoliteness, rudeness, unfairness, bias or prejudice", "Solihull Council"),
	("Inappropriate use of personal information", "Solihull Council"),
	# Devon's problem types.
	("Delay in providing a service", "Devon County Council"),
	("Failure or refusal to provide a service", "Devon County Council"),
	("Poor quality service or a mistake", "Devon County Council"),
	("Inappropriate service", "Devon County Council"),
	("Service removed or withdrawn", "Devon County Council"),
	("Inappropriate cost of a service", "Devon County Council"),
	("Employee's behaviour caused upset", "Devon County Council"),
	("Policy unreasonably disadvantages a customer", "Devon County Council"),
	("Unfair discrimination", "Devon County Council"),
	("Unable to access a service", "Devon County Council"),
]

# Solihull's learning categories ("Learning from complaints"), for the Learning records a case leads to.
LEARNING_CATEGORIES = [
	("Improved service delivery process", "Solihull Council"),
	(
		"Customer comments included in reviews of how we apply policies, decisions and procedures",
		"Solihull Council",
	),
	("Improvements in communication", "Solihull Council"),
	("Reviews of behaviours, training and development for individuals or a team", "Solihull Council"),
	("Reviews of confidentiality procedures", "Solihull Council"),
]

REMEDY_TYPES = [
	"Apology",
	"Explanation or information",
	"Service provided or changed",
	"Refund",
	"Policy or procedure reviewed",
	"Customer literature reviewed",
	"Training or guidance for employees",
	"Employee action",
]

# Solihull's compliment categories: (category, source). Created on install and by
# customer_feedback.patches.v0_8.compliment_categories.
COMPLIMENT_CATEGORIES = [
	("Named employee", "Solihull Council"),
	("High standard of service exceeded expectation", "Solihull Council"),
	("Improvement to services through change or decision", "Solihull Council"),
	("Other", "Solihull Council"),
]
