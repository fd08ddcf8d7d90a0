<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="31" />
        <source>kcp-desk – unexpected error</source>
        <translation>kcp-desk – unerwarteter Fehler</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="33" />
        <source>Something went wrong that should not have. Your work in other windows is kept. Please send the log file to IT.</source>
        <translation>Etwas ist schiefgegangen, das nicht hätte passieren dürfen. Ihre Arbeit in anderen Fenstern bleibt erhalten. Bitte senden Sie die Protokolldatei an die IT.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="40" />
        <source>Log file: {0}</source>
        <translation>Protokolldatei: {0}</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../kcp_desk/app.py" line="79" />
        <source>Preparing the database…</source>
        <extracomment>set by bench/startup.py: print a marker when the login window has painted, then quit</extracomment>
        <translation>Datenbank wird vorbereitet …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="86" />
        <source>Creating demo data…</source>
        <translation>Demodaten werden angelegt …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="95" />
        <source>This database has no agents yet. Start with --demo for the demo database, or ask an admin to create your account.</source>
        <translation>Diese Datenbank hat noch keine Mitarbeitenden. Starten Sie mit --demo für die Demodatenbank oder lassen Sie Ihr Konto von der Administration anlegen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="119" />
        <source>This workstation now remembers you; the device key is in {0}.</source>
        <translation>Dieser Arbeitsplatz merkt sich Sie jetzt; der Geräteschlüssel liegt in {0}.</translation>
    </message>
</context>
<context>
    <name>KcpError</name>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="29" />
        <source>User name or passphrase is wrong.</source>
        <translation>Benutzername oder Passphrase ist falsch.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="30" />
        <source>This account is disabled. Please ask an admin.</source>
        <translation>Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="129" />
        <source>This workstation has no secure keyring, so it cannot remember you.</source>
        <extracomment>where "remember on this workstation" put the device key, if it was asked for</extracomment>
        <translation>Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund und kann sich Sie daher nicht merken.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="161" />
        <source>The passphrase is wrong.</source>
        <translation>Die Passphrase ist falsch.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/agents.py" line="25" />
        <source>The passphrase needs at least {n} characters.</source>
        <translation>Die Passphrase braucht mindestens {n} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="84" />
        <source>The database cannot be reached. Your input is kept.</source>
        <translation>Die Datenbank ist nicht erreichbar. Ihre Eingaben bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="32" />
        <source>the Windows Credential Manager</source>
        <translation>die Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="35" />
        <source>the desktop's Secret Service (GNOME Keyring, KWallet)</source>
        <translation>den Secret Service des Desktops (GNOME-Schlüsselbund, KWallet)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="38" />
        <source>the desktop's Secret Service (libsecret)</source>
        <translation>den Secret Service des Desktops (libsecret)</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="41" />
        <source>KWallet</source>
        <translation>KWallet</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="42" />
        <source>the macOS Keychain</source>
        <translation>den macOS-Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="43" />
        <source>no keyring at all</source>
        <translation>gar kein Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="44" />
        <source>a keyring that forgets</source>
        <translation>ein Schlüsselbund, der nichts behält</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="45" />
        <source>a plaintext file (refused)</source>
        <translation>eine Klartextdatei (abgelehnt)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="28" />
        <source>kcp-desk is locked</source>
        <translation>kcp-desk ist gesperrt</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="34" />
        <source>Signed in as {0}. Enter your passphrase to continue.</source>
        <translation>Angemeldet als {0}. Geben Sie Ihre Passphrase ein, um weiterzuarbeiten.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="45" />
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="48" />
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="29" />
        <source>kcp-desk – Sign in</source>
        <translation>kcp-desk – Anmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="32" />
        <source>kcp-desk</source>
        <translation>kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="38" />
        <source>Service desk – sign in with your personal passphrase</source>
        <translation>Service-Desk – melden Sie sich mit Ihrer persönlichen Passphrase an</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="43" />
        <source>e.g. anna</source>
        <translation>z. B. anna</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="53" />
        <source>Remember on this workstation</source>
        <translation>An diesem Arbeitsplatz merken</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="59" />
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="70" />
        <source>Database: {0}</source>
        <translation>Datenbank: {0}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="76" />
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="77" />
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="141" />
        <source>Not available: this workstation has no secure keyring (found: {0}). Sign in with your passphrase each time.</source>
        <translation>Nicht verfügbar: Dieser Arbeitsplatz hat keinen sicheren Schlüsselbund (gefunden: {0}). Melden Sie sich jedes Mal mit Ihrer Passphrase an.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="147" />
        <source>A device key is kept in {0}.</source>
        <translation>Ein Geräteschlüssel wird in {0} aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="153" />
        <source>Remembered here – leave empty to continue</source>
        <translation>Hier gemerkt – leer lassen, um fortzufahren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="161" />
        <source>Please enter your user name.</source>
        <translation>Bitte geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="168" />
        <source>Unlocking your keys…</source>
        <translation>Ihre Schlüssel werden entsperrt …</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="182" />
        <source>This workstation no longer remembers you. Please enter your passphrase.</source>
        <translation>Dieser Arbeitsplatz kennt Sie nicht mehr. Bitte geben Sie Ihre Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="29" />
        <source>Agent</source>
        <translation>Servicemitarbeiter/in</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="30" />
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="31" />
        <source>Admin</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="71" />
        <source>kcp-desk</source>
        <translation>kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="108" />
        <location filename="../../kcp_desk/views/main_window.py" line="110" />
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="112" />
        <source>Search customers by number, name, e-mail, phone, domain or any invoice, ticket or order reference, and open everything about one customer in one place. Coming with the customer lookup.</source>
        <translation>Kunden nach Nummer, Name, E-Mail, Telefon, Domain oder einer Rechnungs-, Ticket- oder Auftragsnummer suchen und alles über einen Kunden an einem Ort sehen. Kommt mit der Kundensuche.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="119" />
        <location filename="../../kcp_desk/views/main_window.py" line="121" />
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="123" />
        <source>Your tickets, the unassigned queue, your team's tickets and the archive: claim, hand over, reply and close. Coming with the ticket queues.</source>
        <translation>Ihre Tickets, die nicht zugewiesenen, die Ihres Teams und das Archiv: übernehmen, übergeben, antworten und schließen. Kommt mit den Ticket-Warteschlangen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="130" />
        <location filename="../../kcp_desk/views/main_window.py" line="132" />
        <source>Support orders</source>
        <translation>Support-Aufträge</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="134" />
        <source>Support orders with consents, cost acknowledgement, the start gate, time entries and the credential vault. Coming with support orders.</source>
        <translation>Support-Aufträge mit Einwilligungen, Kostenbestätigung, Startfreigabe, Zeiterfassung und dem Zugangsdaten-Tresor. Kommt mit den Support-Aufträgen.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="142" />
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="143" />
        <source>&amp;Lock now</source>
        <translation>&amp;Jetzt sperren</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="146" />
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="148" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="154" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="155" />
        <source>&amp;About kcp-desk</source>
        <translation>&amp;Über kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="162" />
        <source>{0} ({1}) – {2}</source>
        <translation>{0} ({1}) – {2}</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="184" />
        <source>Locked – your keys were removed from memory.</source>
        <translation>Gesperrt – Ihre Schlüssel wurden aus dem Speicher entfernt.</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="202" />
        <source>About kcp-desk</source>
        <translation>Über kcp-desk</translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="203" />
        <source>kcp-desk {0}
The desk of the service team.</source>
        <translation>kcp-desk {0}
Der Desk des Serviceteams.</translation>
    </message>
</context>
</TS>