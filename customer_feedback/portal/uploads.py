"""Files the public sends with the feedback form: uploaded on their own, private, attached to nothing, until
the submission that carries their handle claims them for its case.

The platform's `upload_file` lets a guest (when System Settings allows guest uploads, as our install does)
attach a public file to any document, or make a File row for any existing private file by its file_url,
which its owner may then download. So `upload_file` (both its names, hooks.py override_whitelisted_methods)
takes from guests and website users new content only, as a private File attached to nothing, and answers with
a handle: the File's name and an HMAC of it under the site's encryption key, so only the uploader can
hand it to a submission (`check_handle`), which claims it for the case (`claim`). Staff (desk users) get the
platform's upload unchanged. Unclaimed uploads go after a day (`remove_unclaimed_uploads`, daily).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
from html import escape

import frappe
from frappe import _
from frappe.utils import add_days, cstr, get_datetime, now_datetime
from frappe.utils.password import get_encryption_key

from customer_feedback.exceptions import AttachmentRefusedError, TooManyUploadsError, UploadRefusedError
from customer_feedback.portal.tries import count_try_from_network

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "odt", "txt", "jpg", "jpeg", "png")
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
DEFAULT_MAX_ATTACHMENT_MB = 5
# What the platform's uploader lets a caller choose beyond the file itself: where the File points, what it is
# attached to, or a method to run instead. The public gives none of them; their file comes from their device.
REFUSED_FORM_FIELDS = ("file_url", "library_file_name", "method", "doctype", "docname", "fieldname")
# The platform's uploader always sends its default folder, so that one value is let through.
DEFAULT_FOLDER = "Home"
UPLOADS_PER_WINDOW = 20
UPLOAD_WINDOW_SECONDS = 10 * 60
UPLOADS_KEY = "customer_feedback:uploads"
CLAIM_WITHIN_DAYS = 1
HANDLE = re.compile(r"([0-9A-Za-z]{6,40})\.([0-9a-f]{64})")


def is_desk_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user != "Guest" and frappe.get_cached_value("User", user, "user_type") == "System User"


@frappe.whitelist(allow_guest=True, methods=["POST"])
def upload_file() -> dict:
	"""Stands in for the platform's `upload_file` (hooks: override_whitelisted_methods, for both its names)."""
	if is_desk_user():
		from frappe.handler import upload_file as platform_upload_file

		return platform_upload_file()
	count_upload()
	if frappe.session.user == "Guest" and not frappe.get_system_settings("allow_guests_to_upload_files"):
		frappe.throw(
			_("This site does not take files from visitors who are not signed in."), UploadRefusedError
		)
	upload = frappe.request.files.get("file") if frappe.request else None
	file_name = cstr(upload.filename) if upload else ""
	content = upload.stream.read() if upload else b""
	if file_name:  # the file's own problem first, which the customer can fix
		check_type_and_size(file_name, len(content))
	# Refused before any File is built: File's own before_insert reads a given file_url from the disk.
	for fieldname in REFUSED_FORM_FIELDS:
		if frappe.form_dict.get(fieldname):
			refuse_form_field(fieldname)
	if cstr(frappe.form_dict.get("folder")) not in ("", DEFAULT_FOLDER):
		refuse_form_field("folder")
	if not file_name:
		frappe.throw(
			_("No file came with the upload: choose the file on your device and upload it again."),
			AttachmentRefusedError,
		)
	if extension_of(file_name) in IMAGE_FORMATS:
		content = without_metadata(content, file_name)
	file_doc = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "is_private": 1, "content": content, "folder": "Home"}
	)
	file_doc.flags.public_upload = True
	# Nobody but staff has File rights worth having (file_permission); this upload is the public's way in.
	file_doc.insert(ignore_permissions=True)
	# The handle, not the file_url: the url is shared by identical uploads, and it proves nothing.
	return {
		"doctype": "File",
		"name": file_doc.name,
		"file_name": file_doc.file_name,
		"handle": handle_for(file_doc.name),
	}


@frappe.whitelist()
def uploadfile():
	"""Stands in for the platform's deprecated `uploadfile`, which saves a File from any given file_url and
	attaches it where asked: staff only."""
	if not is_desk_user():
		frappe.throw(
			_("This way of uploading is for staff: attach your file with the upload on the feedback form."),
			UploadRefusedError,
		)
	from frappe.handler import uploadfile as platform_uploadfile

	return platform_uploadfile()


def refuse_form_field(fieldname: str):
	frappe.throw(
		_(
			"{0} cannot be sent with an upload from the public form: choose the file on your device and upload it, with nothing else."
		).format(fieldname),
		UploadRefusedError,
	)


def count_upload() -> None:
	"""One limit per network over both names of the upload (customer_feedback.portal.tries): the platform's
	rate_limit keeps a count per method name, which would double it, and per exact IPv6 address."""
	if not frappe.request:
		return
	count = count_try_from_network(UPLOADS_KEY, UPLOAD_WINDOW_SECONDS)
	if count > UPLOADS_PER_WINDOW:
		frappe.throw(
			_(
				"{0} files were uploaded from your address in {1} minutes, which is our limit: wait {1} minutes and try again."
			).format(UPLOADS_PER_WINDOW, UPLOAD_WINDOW_SECONDS // 60),
			TooManyUploadsError,
		)


def extension_of(file_name: str) -> str:
	return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def check_type_and_size(file_name: str, size: int) -> None:
	if extension_of(file_name) not in ALLOWED_EXTENSIONS:
		frappe.throw(
			_("{0} cannot be sent: send a {1} file instead.").format(
				escape(file_name), ", ".join(ext.upper() for ext in ALLOWED_EXTENSIONS)
			),
			AttachmentRefusedError,
		)
	limit_mb = max_attachment_mb()
	if size > limit_mb * 1024 * 1024:
		frappe.throw(
			_(
				"{0} is {1:.1f} MB; files can be up to {2} MB. Send a smaller file, or a photo at a lower size."
			).format(escape(file_name), size / 1024 / 1024, limit_mb),
			AttachmentRefusedError,
		)


def max_attachment_mb() -> int:
	return (
		frappe.db.get_single_value("Customer Feedback Settings", "max_attachment_mb")
		or DEFAULT_MAX_ATTACHMENT_MB
	)


def without_metadata(content: bytes, file_name: str) -> bytes:
	"""The image drawn again without its EXIF, XMP and comments, where a phone keeps where the photo was
	taken. Turned upright first, since the EXIF said which way up it was."""
	from PIL import Image, ImageOps

	try:
		with Image.open(io.BytesIO(content)) as original:
			image = ImageOps.exif_transpose(original)
			image_format = IMAGE_FORMATS[extension_of(file_name)]
			if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
				image = image.convert("RGB")
			image.info = {}  # Pillow falls back on these (a JPEG's comment) when saving
			output = io.BytesIO()
			image.save(output, format=image_format, **({"quality": 95} if image_format == "JPEG" else {}))
	except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
		frappe.throw(
			_(
				"{0} is not a JPG or PNG image we can read: save it again as a photo, or send it as a PDF."
			).format(escape(file_name)),
			AttachmentRefusedError,
		)
	return output.getvalue()


def signature(file_name: str) -> str:
	return hmac.new(get_encryption_key().encode(), file_name.encode(), hashlib.sha256).hexdigest()


def handle_for(file_name: str) -> str:
	return f"{file_name}.{signature(file_name)}"


def check_handle(value: str, label: str) -> str:
	"""The File a submission's attachment field names by its handle, if it is this visitor's upload of the
	last day and not yet claimed; refused otherwise, naming the field. Returns the File's name."""
	value = cstr(value).strip()
	if value.startswith("data:") or "base64" in value:
		refuse_attachment(
			_("{0} was sent inside the form instead of uploaded: remove it and attach the file again."),
			label,
		)
	match = HANDLE.fullmatch(value)
	if not match or not hmac.compare_digest(match[2], signature(match[1])):
		refuse_attachment(
			_("{0} was not uploaded with this form: remove it and attach the file again."), label
		)
	upload = frappe.db.get_value(
		"File", match[1], ["owner", "attached_to_doctype", "attached_to_name", "creation"], as_dict=True
	)
	if not upload or upload.owner != frappe.session.user:
		refuse_attachment(
			_("{0} was not uploaded with this form: remove it and attach the file again."), label
		)
	if upload.attached_to_doctype or upload.attached_to_name:
		refuse_attachment(
			_("{0} has already been sent with other feedback: remove it and attach the file again."), label
		)
	if get_datetime(upload.creation) < add_days(now_datetime(), -CLAIM_WITHIN_DAYS):
		refuse_attachment(
			_("{0} was uploaded more than a day ago and has been removed: attach the file again."), label
		)
	return match[1]


def refuse_attachment(message: str, label: str):
	frappe.throw(message.format(label), AttachmentRefusedError)


def submitted_value(doc, fieldname: str) -> str:
	"""What the form sent for an attachment field. The platform's web form `accept` empties a field whose value
	holds "base64" before the insert, to save it as a File afterwards, so that value is read from the request."""
	if doc.get(fieldname):
		return cstr(doc.get(fieldname))
	data = frappe.form_dict.get("data")
	if isinstance(data, str):
		try:
			data = frappe.parse_json(data)
		except ValueError:
			return ""
	return cstr(data.get(fieldname)) if isinstance(data, dict) else ""


def claim(doc, fieldname: str) -> None:
	"""Attach the upload whose handle `doc`'s field holds to `doc`, and put its file_url in the field. The
	File is locked and checked again, so two submissions sending one handle at once cannot both claim it."""
	name = HANDLE.fullmatch(cstr(doc.get(fieldname)).strip()).group(1)  # check_handle passed it
	upload = frappe.db.get_value(
		"File", name, ["file_url", "attached_to_name"], as_dict=True, for_update=True
	)
	if not upload or upload.attached_to_name:
		refuse_attachment(
			_("{0} has already been sent with other feedback: remove it and attach the file again."),
			_(doc.meta.get_label(fieldname)),
		)
	frappe.db.set_value(
		"File",
		name,
		{"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "attached_to_field": fieldname},
	)
	frappe.db.set_value(doc.doctype, doc.name, fieldname, upload.file_url, update_modified=False)
	doc.set(fieldname, upload.file_url)


def check_public_upload(file_doc, method=None) -> None:
	"""doc_events File before_insert: a guest makes a File only through `upload_file` above (which checks the
	type and size first; they are checked here too, for any other way in). Website users create no File
	themselves (file_permission); the platform still makes theirs, such as their personal data download."""
	if frappe.session.user != "Guest" or file_doc.is_folder or file_doc.flags.public_upload:
		return
	if file_doc.file_name:
		check_type_and_size(file_doc.file_name, len(file_doc.content or b""))
	frappe.throw(
		_("Files can be sent only with the upload on the feedback form: attach your file there."),
		UploadRefusedError,
	)


def file_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission hook on File: guests and website users create, change or delete no File themselves (the
	platform gives every signed-in user those rights, so a website user could make a File for any private
	file_url, or repoint their own, and then download it). Reading stays the platform's rule."""
	if ptype not in (None, "read", "select", "print", "email", "export", "report") and not is_desk_user(user):
		return False
	return None


def refuse_public_upload_elsewhere() -> None:
	"""auth_hooks (run once the request's user is known, by session or by API key): REST API v2 routes
	/api/v2/method/upload_file to the platform's function itself, past override_whitelisted_methods, so
	the public is refused it there, before the platform's File reads the disk (a missing file would answer
	500, telling that it does not exist)."""
	request = frappe.request
	if not request or not request.path.startswith("/api/v2/method/upload_file"):
		return
	if is_desk_user():
		return
	frappe.throw(
		_("Upload the file with the feedback form, which uses /api/method/upload_file."), UploadRefusedError
	)


def remove_unclaimed_uploads() -> int:
	"""Daily (hooks scheduler_events): delete the public's uploads no submission claimed within a day, with
	their files on disk where no other File shares them. Returns how many were removed."""
	file, user = frappe.qb.DocType("File"), frappe.qb.DocType("User")
	website_users = frappe.qb.from_(user).select(user.name).where(user.user_type == "Website User")
	names = (
		frappe.qb.from_(file)
		.select(file.name)
		.where(file.is_folder == 0)
		.where(file.attached_to_doctype.isnull() | (file.attached_to_doctype == ""))
		.where(file.attached_to_name.isnull() | (file.attached_to_name == ""))
		.where(file.creation < add_days(now_datetime(), -CLAIM_WITHIN_DAYS))
		.where((file.owner == "Guest") | file.owner.isin(website_users))
		.run(pluck=True)
	)
	for name in names:
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	return len(names)
