"""The public's uploads (customer_feedback/portal/uploads.py), attacked over real HTTP: a public file into
someone else's case, a File row for an existing or a missing private file, a website user downloading a
private file they "attached", the old uploadfile, REST API v2's own upload route; a guest's upload is private,
attached to nothing and answered with a handle, which only its own submission claims; uploads are rate
limited per IP address, lose their location metadata, and are removed by the daily job when unclaimed after a
day (in process, at frozen dates).

The server's requests use their own database connection, so the users, the case and the private file are
committed in setUpClass, and everything the tests make is deleted (and committed) in a class cleanup."""

from __future__ import annotations

import io
import itertools
import json

import frappe
from frappe.utils import now_datetime
from PIL import ExifTags, Image

from customer_feedback.exceptions import AttachmentRefusedError, UploadRefusedError
from customer_feedback.portal import intake, uploads
from customer_feedback.portal.test_intake import form_data
from customer_feedback.tests.base import FeedbackTestCase
from customer_feedback.tests.factories import (
	LiveServerTestCase,
	delete_committed_cases,
	delete_committed_users,
	make_feedback,
	make_user,
	server_messages,
	set_api_keys,
)

CUSTOMER = "cf-uploads-customer@example.org"
STAFF = "cf-uploads-manager@example.org"
UPLOAD = "/api/method/upload_file"
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
PDF = b"%PDF-1.4\n% a customer's letter\n"
MISSING_PRIVATE_FILE = "/private/files/cf-no-such-file-anywhere.pdf"
# Each test its own visitors: uploads and submissions are counted per IP address (X-Forwarded-For).
ADDRESSES = (f"198.51.100.{n}" for n in itertools.count(10))


def jpeg_with_location() -> bytes:
	"""A small photo carrying the GPS position a phone records (52.24 N, 0.90 W: Northampton)."""
	exif = Image.Exif()
	exif[ExifTags.Base.Make] = "Phone"
	exif[ExifTags.IFD.GPSInfo] = {
		ExifTags.GPS.GPSLatitudeRef: "N",
		ExifTags.GPS.GPSLatitude: (52.0, 14.0, 24.0),
		ExifTags.GPS.GPSLongitudeRef: "W",
		ExifTags.GPS.GPSLongitude: (0.0, 54.0, 0.0),
	}
	output = io.BytesIO()
	Image.new("RGB", (64, 48), (200, 30, 30)).save(output, format="JPEG", exif=exif)
	return output.getvalue()


def gps_of(content: bytes) -> dict:
	return dict(Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo))


class TestPublicUploadsOverHTTP(LiveServerTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.addClassCleanup(cls.clean_up)
		cls.started = now_datetime()
		cls.cases: list[str] = []
		cls.customer_token = "{}:{}".format(*set_api_keys(make_user(CUSTOMER)))
		cls.staff_token = "{}:{}".format(*set_api_keys(make_user(STAFF, ["Feedback Manager"])))
		cls.someone_elses_case = make_feedback().name
		cls.cases.append(cls.someone_elses_case)
		# A private file on someone else's case, as staff attach one.
		cls.secret = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "cf-their-medical-letter.pdf",
				"content": b"%PDF-1.4\n% private to the case\n",
				"is_private": 1,
				"attached_to_doctype": "Feedback",
				"attached_to_name": cls.someone_elses_case,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def clean_up(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in cls.cases:
			frappe.db.delete("Equality Monitoring", {"feedback": name})
		delete_committed_cases(cls.cases)
		for name in frappe.get_all("File", {"creation": (">=", cls.started), "is_folder": 0}, pluck="name"):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
		# Not delete_user: User.on_trash wants a System Manager other than Administrator.
		delete_committed_users((CUSTOMER, STAFF))
		frappe.db.commit()

	def setUp(self):
		frappe.cache.delete_keys(uploads.UPLOADS_KEY)

	def upload(self, name="letter.pdf", content=PDF, path=UPLOAD, token=None, ip=None, **form):
		files = {"file": (name, content)} if content is not None else None
		return self.request(
			"POST", path, token, data=form, files=files, headers={"X-Forwarded-For": ip or next(ADDRESSES)}
		)

	def submit(self, **overrides):
		# Anonymous: no receipt to email, so no outgoing Email Account is needed.
		overrides = {"is_anonymous": 1, "customer_name": "", "email": "", **overrides}
		response = self.request(
			"POST",
			ACCEPT,
			data={"web_form": intake.WEB_FORM, "data": json.dumps(form_data(**overrides))},
			headers={"X-Forwarded-For": next(ADDRESSES)},
		)
		if response.status_code == 200:
			self.cases.append(response.json()["message"]["name"])
		return response

	def files_count(self, **filters) -> int:
		frappe.db.rollback()  # see what the server committed
		return frappe.db.count("File", filters)

	def assertRefused(self, response, status: int, *words: str):
		self.assertEqual(response.status_code, status, response.text)
		self.assertNotIn("Traceback", response.text)
		messages = " ".join(server_messages(response))
		for word in words:
			self.assertIn(word, messages)

	def test_a_guests_upload_is_private_attached_to_nothing_and_answered_with_a_handle(self):
		response = self.upload(is_private=0)
		self.assertEqual(response.status_code, 200, response.text)
		answer = response.json()["message"]
		self.assertEqual(set(answer), {"doctype", "name", "file_name", "handle"})
		self.assertEqual(answer["handle"], uploads.handle_for(answer["name"]))
		self.assertNotIn("/files/", response.text)
		frappe.db.rollback()
		saved = frappe.get_doc("File", answer["name"])
		self.assertEqual((saved.owner, saved.is_private), ("Guest", 1))
		self.assertTrue(saved.file_url.startswith("/private/files/"))
		self.assertEqual((saved.attached_to_doctype, saved.attached_to_name), (None, None))

	def test_a_public_file_into_someone_elses_case_is_refused(self):
		timeline = {"reference_name": self.someone_elses_case, "comment_type": "Attachment"}
		before = (self.files_count(), frappe.db.count("Comment", timeline))
		response = self.upload(is_private=0, doctype="Feedback", docname=self.someone_elses_case)
		self.assertRefused(response, 403, "doctype cannot be sent")
		self.assertEqual((self.files_count(), frappe.db.count("Comment", timeline)), before)

	def test_a_file_url_to_an_existing_or_a_missing_private_file_is_refused_alike(self):
		answers = []
		for file_url in (self.secret.file_url, MISSING_PRIVATE_FILE):
			for path in (UPLOAD, "/api/method/frappe.handler.upload_file", "/api/v2/method/upload_file"):
				with self.subTest(file_url=file_url, path=path):
					response = self.upload(content=None, path=path, file_url=file_url)
					self.assertRefused(response, 403)
					answers.append((path, response.status_code, server_messages(response)))
					self.assertEqual(self.files_count(file_url=file_url, owner="Guest"), 0)
		existing, missing = answers[:3], answers[3:]
		self.assertEqual(existing, missing, "the answer must not tell whether the file exists")

	def test_a_website_user_cannot_make_a_private_file_theirs_and_download_it(self):
		secret = self.secret.file_url
		attempts = {
			"upload_file": self.upload(content=None, token=self.customer_token, file_url=secret),
			"v2 upload_file": self.upload(
				content=None, path="/api/v2/method/upload_file", token=self.customer_token, file_url=secret
			),
			"v2 upload_file, missing file": self.upload(
				content=None,
				path="/api/v2/method/upload_file",
				token=self.customer_token,
				file_url=MISSING_PRIVATE_FILE,
			),
			"REST insert": self.request(
				"POST", "/api/resource/File", self.customer_token, json={"file_url": secret}
			),
			"REST insert, missing file": self.request(
				"POST", "/api/resource/File", self.customer_token, json={"file_url": MISSING_PRIVATE_FILE}
			),
		}
		for attempt, response in attempts.items():
			with self.subTest(attempt):
				self.assertRefused(response, 403)
		self.assertEqual(self.files_count(file_url=secret, owner=CUSTOMER), 0)
		# Nor can they repoint a File of their own at it.
		own = self.upload(token=self.customer_token).json()["message"]["name"]
		repoint = self.request(
			"PUT", f"/api/resource/File/{own}", self.customer_token, json={"file_url": secret}
		)
		self.assertRefused(repoint, 403)
		download = self.request("GET", secret, self.customer_token)
		self.assertEqual(download.status_code, 403)
		self.assertNotIn(b"private to the case", download.content)

	def test_staff_get_the_platforms_upload_unchanged(self):
		response = self.upload(
			token=self.staff_token,
			doctype="Feedback",
			docname=self.someone_elses_case,
			fieldname="attachment_1",
		)
		self.assertEqual(response.status_code, 200, response.text)
		answer = response.json()["message"]
		self.assertEqual(
			(answer["attached_to_doctype"], answer["attached_to_name"], answer["is_private"]),
			("Feedback", self.someone_elses_case, 0),
		)
		self.assertTrue(answer["file_url"].startswith("/files/"))

	def test_the_old_uploadfile_is_refused(self):
		form = {
			"from_form": 1,
			"doctype": "Feedback",
			"docname": self.someone_elses_case,
			"file_url": self.secret.file_url,
			"filename": "mine.pdf",
		}
		for path in ("/api/method/uploadfile", "/api/method/frappe.handler.uploadfile"):
			for token in (None, self.customer_token):
				with self.subTest(path=path, website_user=bool(token)):
					self.assertRefused(self.upload(content=None, path=path, token=token, **form), 403)
		self.assertEqual(self.files_count(file_url=self.secret.file_url), 1)

	def test_a_submission_claims_only_a_valid_unclaimed_handle_of_its_own(self):
		handle = self.upload().json()["message"]["handle"]
		customers = self.upload(token=self.customer_token).json()["message"]["handle"]
		forged = handle[:-1] + ("0" if handle[-1] != "0" else "1")
		frappe.db.rollback()
		before = frappe.db.count("Feedback")
		for value, words in (
			(forged, "Attachment 1 was not uploaded with this form"),
			(customers, "Attachment 1 was not uploaded with this form"),
			(self.secret.file_url, "Attachment 1 was not uploaded with this form"),
			("letter.pdf,data:application/pdf;base64,JVBERi0xLjQK", "Attachment 1 was sent inside the form"),
		):
			with self.subTest(value=value):
				self.assertRefused(self.submit(attachment_1=value), 417, words, "attach the file again")
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Feedback"), before)

		response = self.submit(attachment_2=handle)
		self.assertEqual(response.status_code, 200, response.text)
		case = response.json()["message"]["name"]
		frappe.db.rollback()
		claimed = frappe.get_doc("File", handle.split(".")[0])
		self.assertEqual(
			(claimed.attached_to_doctype, claimed.attached_to_name, claimed.attached_to_field),
			("Feedback", case, "attachment_2"),
		)
		self.assertEqual(frappe.db.get_value("Feedback", case, "attachment_2"), claimed.file_url)
		self.assertRefused(
			self.submit(attachment_1=handle), 417, "Attachment 1 has already been sent with other feedback"
		)

	def test_the_twenty_first_upload_in_ten_minutes_from_one_address_is_refused(self):
		ip = next(ADDRESSES)
		names = itertools.cycle((UPLOAD, "/api/method/frappe.handler.upload_file"))
		for n in range(uploads.UPLOADS_PER_WINDOW):
			response = self.upload(
				name=f"page-{n}.txt", content=f"page {n}".encode(), path=next(names), ip=ip
			)
			self.assertEqual(response.status_code, 200, response.text)
		self.assertRefused(self.upload(path=next(names), ip=ip), 429, "wait 10 minutes")
		self.assertEqual(self.upload(ip=next(ADDRESSES)).status_code, 200)

	def test_a_photo_comes_back_without_its_location(self):
		photo = jpeg_with_location()
		self.assertIn(ExifTags.GPS.GPSLatitude, gps_of(photo))  # the photo under test does carry one
		response = self.upload(name="drive.jpg", content=photo)
		self.assertEqual(response.status_code, 200, response.text)
		frappe.db.rollback()
		stored = frappe.get_doc("File", response.json()["message"]["name"]).get_content()
		self.assertEqual(gps_of(stored), {})
		self.assertNotIn(b"Exif", stored)
		self.assertEqual(Image.open(io.BytesIO(stored)).size, (64, 48))

	def test_a_file_that_is_not_the_image_it_says_is_refused(self):
		self.assertRefused(self.upload(name="photo.png", content=PDF), 417, "photo.png is not a JPG or PNG")


class TestRemoveUnclaimedUploads(FeedbackTestCase):
	USERS = {CUSTOMER: []}  # a website user

	def public_upload(self, user: str, file_name: str):
		frappe.set_user(user)
		try:
			upload = frappe.get_doc(
				{"doctype": "File", "file_name": file_name, "content": file_name.encode(), "is_private": 1}
			)
			upload.flags.public_upload = True
			return upload.insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")

	def test_unclaimed_public_uploads_go_after_a_day_and_nothing_else(self):
		self.at("2026-03-02 09:00:00")  # Monday
		old_guests = self.public_upload("Guest", "cf-old-guest.txt")
		old_customers = self.public_upload(CUSTOMER, "cf-old-customer.txt")
		claimed = self.public_upload("Guest", "cf-claimed.txt")
		staffs = frappe.get_doc(
			{"doctype": "File", "file_name": "cf-staff.txt", "content": b"staff", "is_private": 1}
		).insert()
		self.at("2026-03-02 10:00:00")
		frappe.db.set_value(
			"File",
			claimed.name,
			{"attached_to_doctype": "Feedback", "attached_to_name": make_feedback().name},
		)
		self.at("2026-03-04 08:30:00")  # Wednesday
		fresh = self.public_upload("Guest", "cf-fresh.txt")
		self.at("2026-03-04 09:30:00")
		self.assertEqual(uploads.remove_unclaimed_uploads(), 2)
		for gone in (old_guests, old_customers):
			self.assertFalse(frappe.db.exists("File", gone.name))
			self.assertFalse(gone.exists_on_disk())
		for kept in (claimed, staffs, fresh):
			self.assertTrue(frappe.db.exists("File", kept.name))
		self.assertEqual(uploads.remove_unclaimed_uploads(), 0)

	def test_a_handle_more_than_a_day_old_is_refused_naming_the_field(self):
		self.at("2026-03-02 09:00:00")
		upload = self.public_upload("Guest", "cf-yesterday.txt")
		self.at("2026-03-03 09:00:01")
		frappe.set_user("Guest")
		with self.assertRaisesRegex(AttachmentRefusedError, "Attachment 1 was uploaded more than a day ago"):
			uploads.check_handle(uploads.handle_for(upload.name), "Attachment 1")
		self.at("2026-03-03 08:59:59")
		self.assertEqual(uploads.check_handle(uploads.handle_for(upload.name), "Attachment 1"), upload.name)


class TestPublicFilesMadeOtherWays(FeedbackTestCase):
	USERS = {CUSTOMER: []}  # a website user

	def test_the_public_makes_no_file_of_a_file_already_on_the_site(self):
		secret = frappe.get_doc(
			{"doctype": "File", "file_name": "cf-staff-only.pdf", "content": PDF, "is_private": 1}
		).insert()
		# A guest's File comes only from upload_file; a website user has no right to make one.
		for user, refusal, ignore_permissions in (
			("Guest", UploadRefusedError, True),
			(CUSTOMER, frappe.PermissionError, False),
		):
			frappe.set_user(user)
			try:
				with self.subTest(user=user), self.assertRaises(refusal):
					frappe.get_doc({"doctype": "File", "file_url": secret.file_url}).insert(
						ignore_permissions=ignore_permissions
					)
			finally:
				frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("File", {"file_url": secret.file_url}), 1)

	def test_the_platform_still_makes_a_website_users_own_file(self):
		# As it does for their personal data download: content of its own, any type.
		frappe.set_user(CUSTOMER)
		try:
			made = frappe.get_doc(
				{"doctype": "File", "file_name": "cf-my-data.json", "content": "{}", "is_private": 1}
			).insert(ignore_permissions=True)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc({"doctype": "File", "file_name": "cf-mine.txt", "content": "x"}).insert()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(made.owner, CUSTOMER)
