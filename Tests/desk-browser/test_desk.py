"""The safeguarding desk end to end in a real browser (Debian's chromium through chromedriver and Selenium).

A concern is raised through the real binary's piped `chat`; a lead is added with `desk user add`, sets up the
account (password + TOTP computed here from the key the page shows) and signs in; the concern appears in the queue;
the lead acknowledges the alert, adds a note, assigns it, adds a task and completes it, sees the second concern about
the same person (raised by a second chat) linked, moves the stages with rationales, prints it; the reports show
triage times and open records by stage and age; the audit shows each step; an auditor cannot open the record; a
moderator opens the content-health page; a deputy sees the alerts and is refused the records, queue, audit and
reports; a forged CSRF token and a signed-out session are refused; axe-core finds no
serious or critical violation on any page; the set-up page shows the TOTP QR code. Screenshots go to $DESK_SCREENSHOTS (default: a temporary folder).

Run by scripts/desk-browser-tests.sh (which `make test` and .ci/run call).
"""

import base64
import hashlib
import hmac
import os
import pwd
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("DESK_BINARY", os.path.join(ROOT, ".build", "debug", "prevent-assist"))
PASSWORD = "heron lantern quietly 7"
SECRET_TEXT = "He said the chapel attack was deserved <script>alert(1)</script> QZX"
CHAT_ANSWERS = [
    "I want to raise a concern", "1", "Jo Example 1234567", SECRET_TEXT, "yesterday", "the library",
    "yes", "2", "no one", "same", "yes",
]


def totp(secret_bytes, at, step_offset=0):
    """RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for the time `at` plus `step_offset` steps."""
    counter = int(at) // 30 + step_offset
    digest = hmac.new(secret_bytes, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1_000_000)


def base32_decode(text):
    return base64.b32decode(text + "=" * (-len(text) % 8))


class DeskBrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="desk-browser-")
        cls.data = os.path.join(cls.folder, "data")
        cls.screens = os.environ.get("DESK_SCREENSHOTS") or os.path.join(cls.folder, "screens")
        os.makedirs(cls.screens, exist_ok=True)
        host_user = "cli:" + pwd.getpwuid(os.geteuid()).pw_name
        cls.config = os.path.join(cls.folder, "prevent-assist.yaml")
        with open(cls.config, "w") as f:
            f.write("institution:\n  name: Example University\n")
            f.write("roles:\n  prevent_lead: [\"%s\"]\n" % host_user)
        cls.env = dict(os.environ, PREVENT_ASSIST_LOG_LEVEL="error")
        chat = subprocess.run(
            [BINARY, "chat", "--user", "sam", "--data", cls.data, "--config", cls.config],
            input="\n".join(CHAT_ANSWERS) + "\n", capture_output=True, text=True, env=cls.env, timeout=600,
        )
        found = re.search(r"PC-\d{4}-\d{4}", chat.stdout)
        if not found:
            raise AssertionError("chat raised no concern:\n" + chat.stdout[-3000:] + chat.stderr[-2000:])
        cls.reference = found.group(0)
        # A second concern about the same person, named the other way round: linked by the same-person index.
        again = list(CHAT_ANSWERS)
        again[2] = "EXAMPLE, jo 1234567"
        chat = subprocess.run(
            [BINARY, "chat", "--user", "kim", "--data", cls.data, "--config", cls.config],
            input="\n".join(again) + "\n", capture_output=True, text=True, env=cls.env, timeout=600,
        )
        found = re.search(r"PC-\d{4}-\d{4}", chat.stdout)
        if not found:
            raise AssertionError("the second chat raised no concern:\n" + chat.stdout[-3000:] + chat.stderr[-2000:])
        cls.second = found.group(0)
        cls.codes = {
            name: cls.desk_user_add(name, role)
            for name, role in [("lead1", "lead"), ("auditor1", "auditor"), ("mod1", "moderator"), ("deputy1", "deputy")]
        }
        cls.server = subprocess.Popen(
            [BINARY, "desk", "--config", cls.config, "--data", cls.data, "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cls.env,
        )
        line = cls.server.stdout.readline()
        port = re.search(r":(\d+)\s*$", line)
        if not port:
            cls.server.kill()
            raise AssertionError("the desk did not start: " + line + cls.server.stderr.read())
        cls.base = "http://127.0.0.1:%s" % port.group(1)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
            options.add_argument(argument)
        cls.driver = webdriver.Chrome(
            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options
        )
        cls.driver.implicitly_wait(2)
        cls.secrets = {}

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=20)
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def desk_user_add(cls, name, role):
        added = subprocess.run(
            [BINARY, "desk", "user", "add", name, "--role", role, "--config", cls.config, "--data", cls.data],
            capture_output=True, text=True, env=cls.env, timeout=120,
        )
        assert added.returncode == 0, added.stderr
        return re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", added.stdout).group(0)

    # Helpers

    def open(self, path):
        self.driver.get(self.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, field_id, value):
        element = self.driver.find_element(By.ID, field_id)
        element.clear()
        element.send_keys(value)

    def click_and_wait(self, element):
        """Clicks and waits until the next page has replaced this one (no reading the old page by mistake)."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_driver):
            # Chromium answers a detached node either as stale or as "does not belong to the document".
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 30).until(replaced)

    def submit(self, form_action):
        self.click_and_wait(
            self.driver.find_element(By.CSS_SELECTOR, 'form[action="%s"] button[type="submit"]' % form_action)
        )

    def check_page(self, name):
        """axe-core on the current page (no serious or critical violation) and a screenshot."""
        self.driver.save_screenshot(os.path.join(self.screens, name + ".png"))
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        self.assertEqual(bad, [], "%s: %s" % (name, [(v["id"], v["help"]) for v in bad]))

    def set_up_account(self, name, screenshot=None):
        self.open("/setup")
        if screenshot:
            self.check_page(screenshot + "-setup")
        self.fill("name", name)
        self.fill("setup_code", self.codes[name])
        self.submit("/setup")
        secret = base32_decode(self.driver.find_element(By.ID, "totp-secret").text.strip())
        self.secrets[name] = secret
        self.assertIsNotNone(self.driver.find_element(By.ID, "totp-qr"), "the QR code of the set-up link")
        if screenshot:
            self.check_page(screenshot + "-enrol")
        self.fill("password", PASSWORD)
        self.fill("password_again", PASSWORD)
        self.fill("code", totp(secret, time.time()))
        self.submit("/setup/finish")
        self.assertIn("Your account is ready", self.text())

    def sign_in(self, name):
        self.open("/signin")
        self.fill("name", name)
        self.fill("password", PASSWORD)
        # The next step's code: the one used at set-up may not be used again (drift of one step is accepted).
        self.fill("code", totp(self.secrets[name], time.time(), step_offset=1))
        self.submit("/signin")

    def sign_out(self):
        self.click_and_wait(self.driver.find_element(By.CSS_SELECTOR, 'form[action="/signout"] button'))

    # The flow, in order (unittest runs test_ methods alphabetically).

    def test_1_lead_sets_up_signs_in_and_works_the_concern(self):
        self.open("/signin")
        self.check_page("signin")
        self.set_up_account("lead1", screenshot="lead")
        self.sign_in("lead1")
        self.assertIn("/queue", self.driver.current_url)
        self.assertIn(self.reference, self.text())
        self.assertIn("Not acknowledged", self.text())
        self.check_page("queue")

        self.click_and_wait(self.driver.find_element(By.LINK_TEXT, self.reference))
        self.assertIn("Why are you opening records?", self.text())
        self.check_page("reason")
        self.fill("reason", "triage of a new urgent report")
        self.submit("/concerns/%s/reason" % self.reference)
        self.assertIn(SECRET_TEXT, self.text(), "the answer is shown decrypted, as text")
        self.check_page("concern")

        self.click_and_wait(self.driver.find_element(By.ID, "acknowledge"))
        self.assertIn("None waiting", self.driver.find_element(By.ID, "alert-state").text)
        self.fill("note", "Called the reporter; more detail to follow.")
        self.submit("/concerns/%s/note" % self.reference)
        Select(self.driver.find_element(By.ID, "assign-to")).select_by_value("lead1")
        self.submit("/concerns/%s/assign" % self.reference)
        self.assertEqual(self.driver.find_element(By.ID, "assignee-now").text, "lead1")
        self.assertIn(self.second, self.driver.find_element(By.CSS_SELECTOR, "ul.linked").text, "same person")

        self.fill("task-text", "Call the course tutor <b>today</b>")
        Select(self.driver.find_element(By.ID, "task-owner")).select_by_value("lead1")
        today = time.strftime("%Y-%m-%d", time.gmtime())
        # The date picker's typed form depends on the locale; the value itself is YYYY-MM-DD.
        self.driver.execute_script("document.getElementById('task-due').value = arguments[0];", today)
        self.submit("/concerns/%s/task" % self.reference)
        self.assertIn("Call the course tutor <b>today</b>", self.text(), "the task is shown as text")
        self.check_page("concern-task")
        self.open("/queue")
        self.assertIn("1 open, due " + today, self.text())
        self.open("/concerns/" + self.reference)
        self.submit("/concerns/%s/task/complete" % self.reference)
        self.assertIn("Done", self.driver.find_element(By.CSS_SELECTOR, "table.tasks").text)
        self.click_and_wait(self.driver.find_element(By.LINK_TEXT, self.second))
        self.assertIn("Concern " + self.second, self.driver.find_element(By.TAG_NAME, "h1").text)
        self.open("/audit?reference=" + self.second)
        self.assertIn("same person link opened", self.text())
        self.open("/concerns/" + self.reference)
        for stage, rationale in [
            ("triaged", "Reporter spoke to; meets the threshold for review"),
            ("escalated_to_prevent_lead", "Ideological content named; Prevent lead to decide"),
        ]:
            Select(self.driver.find_element(By.ID, "to-stage")).select_by_value(stage)
            self.fill("rationale", rationale)
            self.submit("/concerns/%s/stage" % self.reference)
        self.assertIn("escalated to the Prevent lead", self.driver.find_element(By.ID, "stage-now").text)
        self.check_page("concern-worked")

        self.open("/concerns/%s/print" % self.reference)
        self.assertIn(SECRET_TEXT, self.text())
        self.check_page("print")

        self.open("/audit?reference=" + self.reference)
        audit = self.text()
        for step in ["created", "viewed", "alert acknowledged", "note added", "assigned", "task added", "task completed",
                     "stage changed", "exported"]:
            self.assertIn(step, audit)
        self.assertIn("desk:lead1", audit)
        self.check_page("audit")

        self.open("/reports")
        self.assertIn("OfS Prevent return", self.text())
        self.assertIn("Time from report to triage", self.text())
        self.assertIn("Open records by stage and age", self.text())
        self.check_page("reports")

        self.open("/alerts")
        self.assertIn("Urgent alerts waiting for acknowledgement", self.text())
        self.check_page("alerts")

    def test_2_a_forged_csrf_token_is_refused(self):
        self.open("/concerns/" + self.reference)
        self.driver.execute_script(
            "document.querySelector('form[action$=\"/note\"] input[name=csrf]').value = 'forged';"
        )
        self.fill("note", "This note must not be stored.")
        self.submit("/concerns/%s/note" % self.reference)
        self.assertIn("This form has expired", self.text())
        self.open("/audit?reference=" + self.reference)
        self.assertEqual(self.text().count("note added"), 1)

    def test_3_a_signed_out_session_is_refused(self):
        self.open("/queue")
        session = self.driver.get_cookie("desk_session")
        self.assertIsNotNone(session)
        self.assertTrue(session["httpOnly"])
        self.assertEqual(session.get("sameSite"), "Strict")
        self.sign_out()
        self.assertIn("/signin", self.driver.current_url)
        self.driver.add_cookie({"name": "desk_session", "value": session["value"], "path": "/"})
        self.open("/queue")
        self.assertIn("/signin", self.driver.current_url)

    def test_4_an_auditor_cannot_open_a_concern(self):
        self.driver.delete_all_cookies()
        self.set_up_account("auditor1")
        self.sign_in("auditor1")
        self.assertIn("/audit", self.driver.current_url)
        self.open("/concerns/" + self.reference)
        self.assertIn("Not allowed", self.text())
        self.assertNotIn(SECRET_TEXT, self.text())
        self.check_page("refused")
        self.open("/audit")
        self.assertIn("access refused", self.text())

    def test_5_a_moderator_opens_content_health_and_nothing_else(self):
        self.driver.delete_all_cookies()
        self.set_up_account("mod1")
        self.sign_in("mod1")
        self.assertIn("/content", self.driver.current_url)
        self.assertIn("Articles past their review date", self.text())
        self.assertIn("Snippets waiting for moderation", self.text())
        self.check_page("content-health")
        self.open("/concerns/" + self.reference)
        self.assertIn("Not allowed", self.text())
        self.assertNotIn(SECRET_TEXT, self.text())

    def test_6_a_deputy_sees_the_alerts_and_nothing_the_configuration_does_not_grant(self):
        self.driver.delete_all_cookies()
        self.set_up_account("deputy1")
        self.sign_in("deputy1")
        # A deputy's only right is the alerts (ConcernPermission: alerts and acknowledge_alerts).
        self.assertIn("/alerts", self.driver.current_url)
        self.assertNotIn(SECRET_TEXT, self.text())
        self.check_page("alerts-deputy")
        for path in ["/concerns/" + self.reference, "/concerns/" + self.second, "/queue", "/audit", "/reports"]:
            self.open(path)
            self.assertIn("Not allowed", self.text(), path)
            self.assertNotIn(SECRET_TEXT, self.text(), path)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() and result.testsRun == 6 and not result.skipped else 1)
