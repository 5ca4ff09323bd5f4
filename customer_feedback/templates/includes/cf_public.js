// Shared by the status page and My feedback (included inline): a POST to a whitelisted method, and the
// GOV.UK error pattern (a summary at the top linking to each field, the message again next to the field).
var cf = (function () {
	function serverMessage(data) {
		try {
			var first = JSON.parse(data._server_messages)[0];
			try {
				return JSON.parse(first).message;
			} catch (e) {
				return first;
			}
		} catch (e) {
			return "";
		}
	}
	// Plain fetch rather than frappe.call, whose default handlers would open their own dialogs for 404 and
	// 429 answers: these pages show every answer in their own error summary.
	function call(method, args, fallbackMessage) {
		return fetch("/api/method/" + method, {
			method: "POST",
			credentials: "same-origin",
			headers: {
				Accept: "application/json",
				"Content-Type": "application/json",
				"X-Frappe-CSRF-Token": (window.frappe && window.frappe.csrf_token) || "",
			},
			body: JSON.stringify(args),
		}).then(function (response) {
			return response
				.json()
				.catch(function () {
					return {};
				})
				.then(function (data) {
					if (response.ok) return data.message;
					var error = new Error(serverMessage(data) || fallbackMessage);
					error.excType = data.exc_type || "";
					error.status = response.status;
					throw error;
				});
		});
	}
	function Errors(summaryId, listId) {
		this.summary = document.getElementById(summaryId);
		this.list = document.getElementById(listId);
	}
	Errors.prototype.clear = function (scope) {
		this.summary.hidden = true;
		this.list.textContent = "";
		(scope || document).querySelectorAll(".cf-field--error").forEach(function (el) {
			el.classList.remove("cf-field--error");
		});
		(scope || document).querySelectorAll(".cf-field-error").forEach(function (el) {
			el.hidden = true;
			el.textContent = "";
		});
		(scope || document).querySelectorAll("[aria-invalid]").forEach(function (el) {
			el.removeAttribute("aria-invalid");
			el.setAttribute("aria-describedby", el.getAttribute("data-hint"));
		});
	};
	// One message: in the summary, linked to `fieldId`, and next to that field (its error element is
	// `fieldId + "-error"`), if it has one.
	Errors.prototype.add = function (message, fieldId) {
		var item = document.createElement("li");
		var link = document.createElement("a");
		link.href = "#" + fieldId;
		link.textContent = message;
		link.addEventListener("click", function (event) {
			var target = document.getElementById(fieldId);
			if (target) {
				event.preventDefault();
				target.focus();
			}
		});
		item.appendChild(link);
		this.list.appendChild(item);
		var input = document.getElementById(fieldId);
		var error = document.getElementById(fieldId + "-error");
		if (input && error) {
			input.closest(".cf-field").classList.add("cf-field--error");
			error.textContent = message;
			error.hidden = false;
			input.setAttribute("aria-invalid", "true");
			input.setAttribute("aria-describedby", error.id + " " + input.getAttribute("data-hint"));
		}
	};
	Errors.prototype.show = function () {
		this.summary.hidden = false;
		this.summary.focus();
	};
	return { call: call, Errors: Errors };
})();
