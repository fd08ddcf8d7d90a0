<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="31"/>
        <source>kcp-desk – unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="33"/>
        <source>Something went wrong that should not have. Your work in other windows is kept. Please send the log file to IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/crash_dialog.py" line="40"/>
        <source>Log file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../kcp_desk/app.py" line="79"/>
        <source>Preparing the database…</source>
        <extracomment>set by bench/startup.py: print a marker when the login window has painted, then quit</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="86"/>
        <source>Creating demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="95"/>
        <source>This database has no agents yet. Start with --demo for the demo database, or ask an admin to create your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="119"/>
        <source>This workstation now remembers you; the device key is in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KcpError</name>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="29"/>
        <source>User name or passphrase is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="30"/>
        <source>This account is disabled. Please ask an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="129"/>
        <source>This workstation has no secure keyring, so it cannot remember you.</source>
        <extracomment>where &quot;remember on this workstation&quot; put the device key, if it was asked for</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/auth.py" line="161"/>
        <source>The passphrase is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/agents.py" line="25"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/db.py" line="84"/>
        <source>The database cannot be reached. Your input is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="32"/>
        <source>the Windows Credential Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="35"/>
        <source>the desktop&apos;s Secret Service (GNOME Keyring, KWallet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="38"/>
        <source>the desktop&apos;s Secret Service (libsecret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="41"/>
        <source>KWallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="42"/>
        <source>the macOS Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="43"/>
        <source>no keyring at all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="44"/>
        <source>a keyring that forgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/security/keyring_guard.py" line="45"/>
        <source>a plaintext file (refused)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="28"/>
        <source>kcp-desk is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="34"/>
        <source>Signed in as {0}. Enter your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="45"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="48"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="29"/>
        <source>kcp-desk – Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="32"/>
        <source>kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="38"/>
        <source>Service desk – sign in with your personal passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="43"/>
        <source>e.g. anna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="53"/>
        <source>Remember on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="59"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="70"/>
        <source>Database: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="76"/>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="77"/>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="141"/>
        <source>Not available: this workstation has no secure keyring (found: {0}). Sign in with your passphrase each time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="147"/>
        <source>A device key is kept in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="153"/>
        <source>Remembered here – leave empty to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="161"/>
        <source>Please enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="168"/>
        <source>Unlocking your keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="182"/>
        <source>This workstation no longer remembers you. Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="29"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="30"/>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="31"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="71"/>
        <source>kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="108"/>
        <location filename="../../kcp_desk/views/main_window.py" line="110"/>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="112"/>
        <source>Search customers by number, name, e-mail, phone, domain or any invoice, ticket or order reference, and open everything about one customer in one place. Coming with the customer lookup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="119"/>
        <location filename="../../kcp_desk/views/main_window.py" line="121"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="123"/>
        <source>Your tickets, the unassigned queue, your team&apos;s tickets and the archive: claim, hand over, reply and close. Coming with the ticket queues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="130"/>
        <location filename="../../kcp_desk/views/main_window.py" line="132"/>
        <source>Support orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="134"/>
        <source>Support orders with consents, cost acknowledgement, the start gate, time entries and the credential vault. Coming with support orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="142"/>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="143"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="146"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="148"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="154"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="155"/>
        <source>&amp;About kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="162"/>
        <source>{0} ({1}) – {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="184"/>
        <source>Locked – your keys were removed from memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="202"/>
        <source>About kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="203"/>
        <source>kcp-desk {0}
The desk of the service team.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
