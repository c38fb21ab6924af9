// Generates the kamailio.cfg of the loopback test bed: a WebSocket registrar
// and proxy for browser user agents (sip.js), plus a UDP listener for SIPp.

/**
 * @typedef {{ user: string, password: string, aor: string }} SipUser
 * @typedef {{
 *   host: string,
 *   wsPort: number,
 *   udpPort: number,
 *   domain: string,
 *   users: SipUser[],
 *   secret: string,
 *   debug?: number,
 *   modulesDir?: string,
 *   runDir: string,
 * }} KamailioConfigOptions
 */

const USER_PATTERN = /^[A-Za-z0-9_.-]+$/;
const PASSWORD_PATTERN = /^[A-Za-z0-9_.~-]+$/;
const DOMAIN_PATTERN = /^[A-Za-z0-9.-]+$/;

/**
 * @param {KamailioConfigOptions} options
 * @returns {string} the text of a kamailio.cfg
 */
export function buildKamailioConfig(options) {
  const { host, wsPort, udpPort, domain, users, secret, runDir } = options;
  const debug = options.debug ?? 2;
  if (!DOMAIN_PATTERN.test(domain) || /^[\d.]+$/.test(domain)) {
    throw new Error(`kamailio config: the domain must be a host name such as cx.test, not "${domain}"`);
  }
  if (!PASSWORD_PATTERN.test(secret)) throw new Error('kamailio config: invalid nonce secret');
  for (const { user, password } of users) {
    if (!USER_PATTERN.test(user)) throw new Error(`kamailio config: invalid user name "${user}"`);
    if (!PASSWORD_PATTERN.test(password)) {
      throw new Error(`kamailio config: password of ${user} has characters the config cannot quote`);
    }
  }

  const passwordCases = users
    .map(({ user, password }) => `\t\tcase "${user}":\n\t\t\t$var(password) = "${password}";\n\t\t\tbreak;`)
    .join('\n');
  const knownUsers = users.map(({ user }) => user.replace(/\./g, '\\.')).join('|');
  // The domain is a name that resolves nowhere, so it may match every port
  // (URIs such as sip:1001@cx.test carry none). The address never gets a
  // port-less alias: UDP peers on other ports of 127.0.0.1 would become
  // "myself" and in-dialog requests to them would loop.
  const aliases = [`alias="${domain}"`];
  const mpath = options.modulesDir ? `mpath="${options.modulesDir}"\n` : '';

  return `#!KAMAILIO
# Loopback SIP test bed: WebSocket registrar + proxy (generated, do not edit).

####### Global parameters #########
debug=${debug}
log_stderror=yes
log_prefix="{$mt $ci} "
fork=yes
children=2
tcp_children=4
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=off
dns_try_ipv6=no
disable_sctp=yes
enable_tls=no
server_signature=no
user_agent_header="User-Agent: cx-test-bed"
server_header="Server: cx-test-bed"

listen=udp:${host}:${udpPort}
listen=tcp:${host}:${wsPort}
${aliases.join('\n')}

# HTTP requests (the WebSocket upgrade) have no Content-Length.
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
tcp_crlf_ping=yes

####### Modules #########
${mpath}loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "nathelper.so"
loadmodule "auth.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "ctl.so"

modparam("ctl", "binrpc", "unix:${runDir}/kamailio_ctl")

modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 120000)

modparam("rr", "enable_full_lr", 1)
modparam("rr", "append_fromtag", 0)

modparam("usrloc", "db_mode", 0)
modparam("usrloc", "handle_lost_tcp", 1)
modparam("usrloc", "close_expired_tcp", 1)

modparam("registrar", "default_expires", 600)
modparam("registrar", "min_expires", 10)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("nathelper", "received_avp", "$avp(RECEIVED)")

modparam("auth", "secret", "${secret}")
modparam("auth", "nonce_expire", 300)

modparam("websocket", "keepalive_mechanism", 1)
modparam("websocket", "keepalive_timeout", 30)
modparam("websocket", "keepalive_interval", 5)

####### Routing logic ########

request_route {
	xlog("L_INFO", "REQ $rm $ru from $si:$sp/$pr\\n");

	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}

	if (!sanity_check()) {
		xlog("L_WARN", "malformed $rm from $si:$sp dropped\\n");
		exit;
	}

	if (nat_uac_test("64")) {
		# The client is behind a WebSocket: its Via and Contact are unroutable.
		force_rport();
		if (is_method("REGISTER")) {
			fix_nated_register();
		} else if (is_present_hf("Contact")) {
			set_contact_alias();
		}
	}

	if (is_method("CANCEL")) {
		if (t_check_trans()) {
			route(RELAY);
		}
		exit;
	}

	if (has_totag()) {
		route(WITHINDLG);
		exit;
	}

	# Retransmissions of requests that already have a transaction.
	if (!is_method("ACK")) {
		t_check_trans();
	}

	remove_hf("Route");
	if (is_method("INVITE|SUBSCRIBE|REFER")) {
		record_route();
	}

	if (is_method("REGISTER")) {
		route(REGISTRAR);
		exit;
	}

	if ($rU == $null) {
		sl_send_reply("484", "Address Incomplete");
		exit;
	}

	if (uri != myself) {
		route(RELAY);
		exit;
	}

	route(LOCATION);
}

route[WITHINDLG] {
	if (loose_route()) {
		if (!isdsturiset()) {
			# A WebSocket client's connection may be gone since the dialog began
			# (the server restarted, the network dropped): its current
			# registration wins over the connection its Contact was learnt on.
			# (The Banner puts the AOR's user in its Contact for this.)
			if (!($rU =~ "^(${knownUsers})$" && $(ru{uri.host}) =~ "[.]invalid$" && lookup("location"))) {
				handle_ruri_alias();
			}
		}
		if (is_method("NOTIFY")) {
			record_route();
		}
		route(RELAY);
		exit;
	}

	if (is_method("ACK")) {
		if (t_check_trans()) {
			route(RELAY);
		}
		exit;
	}

	sl_send_reply("404", "Not Here");
	exit;
}

route[REGISTRAR] {
	route(AUTH);
	if (!save("location", "0x04")) {
		sl_reply_error();
	}
	exit;
}

route[AUTH] {
	if ($au == $null) {
		auth_challenge("${domain}", "1");
		exit;
	}

	$var(password) = "";
	switch ($au) {
${passwordCases}
		default:
			$var(password) = "";
	}

	if ($var(password) == "") {
		xlog("L_NOTICE", "REGISTER for unknown user $au from $si:$sp\\n");
		sl_send_reply("403", "Forbidden");
		exit;
	}

	if (!pv_auth_check("${domain}", "$var(password)", "0", "1")) {
		auth_challenge("${domain}", "1");
		exit;
	}

	consume_credentials();
}

route[LOCATION] {
	if (!lookup("location")) {
		$var(rc) = $rc;
		t_newtran();
		if ($var(rc) == -2) {
			t_reply("405", "Method Not Allowed");
		} else if ($rU =~ "^(${knownUsers})$") {
			t_reply("480", "Temporarily Unavailable");
		} else {
			t_reply("404", "Not Found");
		}
		exit;
	}
	route(RELAY);
}

route[RELAY] {
	if (!t_is_set("onreply_route")) {
		t_on_reply("MANAGE_REPLY");
	}
	if (is_method("INVITE") && !t_is_set("failure_route")) {
		t_on_failure("MANAGE_FAILURE");
	}
	if (!t_relay()) {
		xlog("L_WARN", "cannot relay $rm to $ru (dst $du)\\n");
		if (is_method("INVITE")) {
			send_reply("480", "Temporarily Unavailable");
		} else {
			sl_reply_error();
		}
	}
	exit;
}

onreply_route[MANAGE_REPLY] {
	xlog("L_INFO", "REPLY $rs $rr to $rm from $si:$sp/$pr\\n");
	if (nat_uac_test("64") && is_present_hf("Contact")) {
		set_contact_alias();
	}
	return 1;
}

failure_route[MANAGE_FAILURE] {
	if (t_is_canceled()) {
		exit;
	}
	if (t_branch_timeout() || t_check_status("408|500|503")) {
		xlog("L_INFO", "target of $rm to $ru unreachable\\n");
		t_reply("480", "Temporarily Unavailable");
		exit;
	}
}

event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();

	if ($Rp != ${wsPort}) {
		xhttp_reply("403", "Forbidden", "", "");
		exit;
	}

	if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
		if (ws_handle_handshake()) {
			exit;
		}
	}

	xhttp_reply("404", "Not Found", "", "");
}

event_route[websocket:closed] {
	xlog("L_INFO", "WebSocket closed: $si:$sp\\n");
}
`;
}
