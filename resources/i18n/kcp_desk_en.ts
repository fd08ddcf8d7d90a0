<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="149"/>
        <source>Pending approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="156"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="158"/>
        <source>Current name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="167"/>
        <source>New name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="172"/>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="173"/>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="174"/>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="175"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="188"/>
        <source>Reason for your decision (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="189"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="191"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="232"/>
        <source>Another team lead must decide this request (four-eyes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="234"/>
        <source>A team lead decides this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="256"/>
        <source>Decision saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="34"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="36"/>
        <source>in arrears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="39"/>
        <source>1 open ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="41"/>
        <source>{0} open tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="44"/>
        <source>phone password locked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallerVerificationDialog</name>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="41"/>
        <source>Verify caller – {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="46"/>
        <source>Ask the caller for their phone password and type it here. The desk only says whether it matches; it never shows the stored password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="60"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="87"/>
        <source>✔ Matches – the caller knows the phone password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="91"/>
        <source>This customer has no phone password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/caller_dialog.py" line="95"/>
        <source>The phone password is locked until {0} after too many wrong tries. Use another factor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/caller_dialog.py" line="104"/>
        <source>✘ Does not match. %n more wrong try(s) lock the phone password.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="29"/>
        <source>Salutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="30"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="31"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="32"/>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="33"/>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="34"/>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="35"/>
        <source>House number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="36"/>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="37"/>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="38"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="76"/>
        <source>Request name change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="78"/>
        <source>Name and company change only through a request a team lead approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="86"/>
        <source>Name / company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="106"/>
        <source>E-mail verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="108"/>
        <source>Phone password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="112"/>
        <source>optional, e.g. “customer called, moved”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="113"/>
        <source>Reason for the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="116"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="118"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="121"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="147"/>
        <source>– name change pending approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="154"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="157"/>
        <source>set – locked until {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="163"/>
        <source>set since {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/contact_form.py" line="221"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>CustomerSearch</name>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="126"/>
        <source>customer number {detail}</source>
        <extracomment>the largest page a caller may ask for substring search needs this many typed characters (and one word this long) English source texts (Qt Linguist context &quot;CustomerSearch&quot;); ``{detail}`` is ``CustomerHit.match_detail``: the reference, number or address that matched.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="127"/>
        <source>invoice {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="128"/>
        <source>ticket {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="129"/>
        <source>support order {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="130"/>
        <source>SEPA mandate {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="131"/>
        <source>phone {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="132"/>
        <source>e-mail {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="133"/>
        <source>domain {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="134"/>
        <source>server {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="135"/>
        <source>postcode {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="136"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="137"/>
        <source>company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="138"/>
        <source>city</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerSearchView</name>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="83"/>
        <source>Customer number, name, e-mail, phone, postcode, domain, RE-/#KCP-/SA- reference or mandate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="97"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="98"/>
        <source>Name / company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="99"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="100"/>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="102"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="107"/>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="163"/>
        <source>No customer found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_search.py" line="166"/>
        <source>Showing the best {0} matches – type more to narrow down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kcp_desk/views/customer_search.py" line="171"/>
        <source>%n customer(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="99"/>
        <source>← Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="100"/>
        <source>Back to the search results (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="115"/>
        <source>Verify caller…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="140"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="141"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="172"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="142"/>
        <source>Domain / server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="143"/>
        <source>Systems management</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="144"/>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="145"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="186"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="150"/>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="151"/>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="152"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="153"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="162"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="174"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="154"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="155"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="160"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="171"/>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="161"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="163"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="164"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="175"/>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="165"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="170"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="173"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="180"/>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="181"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="182"/>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="183"/>
        <location filename="../../kcp_desk/views/customer_view.py" line="204"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="184"/>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="185"/>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="191"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="192"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="193"/>
        <source>Old → new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="194"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="195"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="201"/>
        <source>Contact data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="202"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="203"/>
        <source>Invoices &amp;&amp; payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="205"/>
        <source>Support orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="206"/>
        <source>Additional accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="207"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="231"/>
        <source>Customer since {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="257"/>
        <source>Caller not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="259"/>
        <source>matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="259"/>
        <source>did not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="261"/>
        <source>Last check: {0} {1} at {2} by {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../kcp_desk/app.py" line="103"/>
        <source>Preparing the database…</source>
        <extracomment>set by bench/startup.py: print a marker when the login window has painted, then quit</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="110"/>
        <source>Creating demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="119"/>
        <source>This database has no agents yet. Start with --demo for the demo database, or ask an admin to create your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/app.py" line="145"/>
        <source>This workstation now remembers you; the device key is in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="50"/>
        <source>yes</source>
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
        <location filename="../../kcp_desk/db.py" line="86"/>
        <source>The database cannot be reached. Your input is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="53"/>
        <source>Not a ticket number (#KCP- and 8 digits, e.g. #KCP-00012340).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="56"/>
        <source>Check digit wrong in ticket number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="57"/>
        <source>There is no ticket with this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="58"/>
        <source>This ticket belongs to another customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="61"/>
        <source>A name change for this customer is already waiting for a lead&apos;s decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="64"/>
        <source>The new name is the same as the old one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="65"/>
        <source>Only a lead can approve or reject a name change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="68"/>
        <source>You requested this name change yourself; another lead has to decide it (four-eyes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="72"/>
        <source>This name-change request does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="75"/>
        <source>Someone else changed or decided this request meanwhile. Reload to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="78"/>
        <source>Please give a reason for the decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/name_change.py" line="79"/>
        <location filename="../../kcp_desk/services/customers.py" line="858"/>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="84"/>
        <location filename="../../kcp_desk/domain/sepa.py" line="87"/>
        <source>At most {n} characters, please.</source>
        <extracomment>ID-3: the phone-password factor P is locked (not the account) ID-1 factor M needs the mobile number registered 30 days before a case whether a phone password exists and since when (never the value, ID-5) a pending name-change request (the form shows &quot;name change pending&quot;) the fields that really changed (empty: nothing was written) (field, old, new) for the history, in a stable order the complete new billing address, if it changed
----------
Numbers without a country prefix are German (the hoster&apos;s home market). Column widths of the fields (``kcp_desk.models``), checked here so the database never has to refuse (PostgreSQL would; SQLite would silently store more). Countries whose postcodes are checked strictly: the number of digits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="142"/>
        <source>Check digit wrong: {ref} is not a valid customer number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="145"/>
        <source>Check digit wrong: {ref} is not a valid ticket reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="148"/>
        <source>Check digit wrong: {ref} is not a valid support order reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/search.py" line="151"/>
        <source>Check digit wrong: {ref} is not a valid SEPA mandate reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="115"/>
        <source>This customer does not exist.</source>
        <extracomment>Rows per list tab (invoices, tickets, support orders, history); ``Listing.total`` says how many there are in all. The form fields ``update_contact`` accepts. Address parts are ``billing.&lt;part&gt;``. Changed only through a name-change request (C1.4, ID-4).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="116"/>
        <source>Someone else changed this customer meanwhile. Your input is kept; reload to see their change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="120"/>
        <source>Name and company change only by a name-change request with a ticket, approved by a lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/customers.py" line="124"/>
        <source>Only agents and leads work with customer data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="124"/>
        <source>Type what the caller says.</source>
        <extracomment>Without an identity case, wrong tries this close together belong to one call. P is locked (ID-3); nothing was compared or counted the customer has no phone password wrong tries left before P locks; 0 when locked, None when no password is set set when P is (now) locked</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="125"/>
        <source>This identity case does not belong to this customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/services/caller_verification.py" line="128"/>
        <source>This identity case is no longer open; no more factors can be tried in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="99"/>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="168"/>
        <source>This field is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="113"/>
        <source>An e-mail address is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="119"/>
        <source>Not a valid e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="136"/>
        <source>Not a valid phone number (numbers abroad need their +country code).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="158"/>
        <source>Not a country code (two letters, e.g. DE, AT, CH).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="174"/>
        <source>A postcode in {country} has {n} digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="182"/>
        <source>Not a valid postcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="204"/>
        <source>Not a date (e.g. 30.04.1980).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/contact_rules.py" line="208"/>
        <source>The date of birth must lie in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="67"/>
        <source>Please enter the IBAN.</source>
        <extracomment>``sepa_mandates.account_holder`` (SEPA allows 70 characters for a name)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="68"/>
        <source>This IBAN is not valid: its check digits do not match. Is there a typo?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="71"/>
        <source>This IBAN has the wrong number of characters for its country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="74"/>
        <source>This IBAN does not start with a known country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="77"/>
        <source>This is not a valid IBAN (e.g. DE89 3704 0044 0532 0130 00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="80"/>
        <source>Direct debits need an IBAN from a SEPA country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="83"/>
        <source>This is not a valid BIC (8 or 11 characters, e.g. COBADEFFXXX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="86"/>
        <source>Please enter the account holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="88"/>
        <source>A mandate reference has at most 35 letters, digits and / - ? : ( ) . , &apos; + (no spaces, no // and no / at either end).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="93"/>
        <source>This is not a valid creditor identifier (e.g. DE98ZZZ09999999999).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="96"/>
        <source>A return reason code has four letters or digits, e.g. AM04.</source>
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
        <location filename="../../kcp_desk/views/lock_screen.py" line="24"/>
        <source>kcp-desk is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="30"/>
        <source>Signed in as {0}. Enter your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="41"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/lock_screen.py" line="44"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="33"/>
        <source>kcp-desk – Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="36"/>
        <source>kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="42"/>
        <source>Service desk – sign in with your personal passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="47"/>
        <source>e.g. anna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="57"/>
        <source>Remember on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="63"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="74"/>
        <source>Database: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="80"/>
        <source>&amp;User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="81"/>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="145"/>
        <source>Not available: this workstation has no secure keyring (found: {0}). Sign in with your passphrase each time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="151"/>
        <source>A device key is kept in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="157"/>
        <source>Remembered here – leave empty to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="165"/>
        <source>Please enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="172"/>
        <source>Unlocking your keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/login_window.py" line="186"/>
        <source>This workstation no longer remembers you. Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="31"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="32"/>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="33"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="76"/>
        <source>kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="119"/>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="121"/>
        <location filename="../../kcp_desk/views/main_window.py" line="123"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="125"/>
        <source>Your tickets, the unassigned queue, your team&apos;s tickets and the archive: claim, hand over, reply and close. Coming with the ticket queues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="132"/>
        <location filename="../../kcp_desk/views/main_window.py" line="134"/>
        <source>Support orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="136"/>
        <source>Support orders with consents, cost acknowledgement, the start gate, time entries and the credential vault. Coming with support orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="141"/>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="159"/>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="160"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="163"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="165"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="168"/>
        <source>&amp;Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="179"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="180"/>
        <source>&amp;About kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="187"/>
        <source>{0} ({1}) – {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="209"/>
        <source>Locked – your keys were removed from memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="227"/>
        <source>About kcp-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/main_window.py" line="228"/>
        <source>kcp-desk {0}
The desk of the service team.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NameChangeDialog</name>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="49"/>
        <source>Request a name change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="54"/>
        <source>The new name takes effect when a team lead approves it. Link the ticket in which the customer asked for it (with the proof, e.g. a register extract).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="63"/>
        <source>Ticket (#KCP-…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="64"/>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="65"/>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="66"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="67"/>
        <source>Legal form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="68"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/name_change.py" line="91"/>
        <source>Submit for approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnCode</name>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="238"/>
        <source>Account identifier incorrect</source>
        <extracomment>English source text; views translate it in the Qt context &quot;ReturnCode&quot; the German wording (for the translator, and stored with the return) ISO 20022 / EPC return and refund reason codes seen on SEPA direct debits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="240"/>
        <source>Account closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="241"/>
        <source>Account blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="244"/>
        <source>Debtor account is a consumer account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="249"/>
        <source>Direct debit not allowed on this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="254"/>
        <source>Invalid transaction code or file format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="258"/>
        <source>Insufficient funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="261"/>
        <source>Duplicate collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="265"/>
        <source>Creditor identifier incorrect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="269"/>
        <source>Invalid file format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="272"/>
        <source>No valid mandate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="276"/>
        <source>Mandate data missing or incorrect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="281"/>
        <source>Refund requested by the payer (objection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="285"/>
        <source>Debtor deceased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="289"/>
        <source>Refused by the payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="293"/>
        <source>Reason not specified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="295"/>
        <source>BIC incorrect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="298"/>
        <source>Regulatory reason: debtor data missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/domain/sepa.py" line="303"/>
        <source>Refused by a service of the debtor&apos;s bank</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Value</name>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="55"/>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="56"/>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="57"/>
        <source>pending customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="58"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="59"/>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="60"/>
        <source>partly paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="61"/>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="62"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="63"/>
        <source>credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="64"/>
        <source>returned debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="65"/>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="66"/>
        <source>normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="67"/>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="68"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="69"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="70"/>
        <source>in review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="71"/>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="72"/>
        <source>cost approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="73"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="74"/>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="75"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="76"/>
        <source>billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="77"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="78"/>
        <source>web hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="79"/>
        <source>vServer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="80"/>
        <source>dedicated server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="81"/>
        <source>domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="82"/>
        <source>managed server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="83"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="84"/>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="85"/>
        <source>Pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="86"/>
        <source>Premium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="87"/>
        <source>person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="88"/>
        <source>company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="89"/>
        <source>phone password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="90"/>
        <source>letter code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="91"/>
        <source>SMS code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="92"/>
        <source>identity document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kcp_desk/views/formatting.py" line="93"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_ListTab</name>
    <message>
        <location filename="../../kcp_desk/views/customer_view.py" line="71"/>
        <source>Showing the newest {0} of {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
