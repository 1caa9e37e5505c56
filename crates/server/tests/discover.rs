//! Discovery against real servers on loopback: a DNS server with test zones (hickory-server), https and
//! http fakes with test-CA certificates and fake mail servers, all on 127.0.0.2, the one address the tests
//! let discovery dial. Every other loopback, private or link-local address stays refused, so the cases that
//! point there show that nothing unsafe is dialled.

mod support;

use mailcheck::discover::{run, Config, Limits, PortMap, Report, Request, Target};
use mailcheck_engine::{Origin, Source};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::dns::{black_hole, TestDns, Zone};
use support::faults::Fake;
use support::web::{autoconfig, Page, Site, Web, ADDRESS};

const LIMITS: Limits = Limits {
    dns: Duration::from_secs(1),
    connect: Duration::from_secs(1),
    fetch: Duration::from_secs(2),
    body: 64 * 1024,
    redirects: 3,
    guess_read: Duration::from_secs(1),
    total: Duration::from_secs(8),
};

/// A port on 127.0.0.2 where nothing listens.
fn closed() -> u16 {
    std::net::TcpListener::bind((ADDRESS, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct World {
    dns: TestDns,
    https: Web,
    http: Web,
    mail: Vec<(u16, u16)>,
}

impl World {
    async fn new(zone: Zone, https: Site, http: Site, names: &[&str]) -> World {
        let mut all = names.to_vec();
        all.push("ispdb.test");
        World {
            dns: TestDns::start(zone.address("ispdb", ADDRESS)).await,
            https: Web::start(https, Some(&all)).await,
            http: Web::start(http, None).await,
            mail: Vec::new(),
        }
    }

    fn config(&self) -> Config {
        config_at(self.dns.addr, self.https.port, self.http.port, &self.mail)
    }

    async fn discover(&self, address: &str) -> Report {
        discover_with(&self.config(), address).await
    }
}

fn config_at(dns: SocketAddr, https: u16, http: u16, mail: &[(u16, u16)]) -> Config {
    let mut config = Config::new(&[support::certs::test_ca().der().clone()]).unwrap();
    config.limits = LIMITS;
    config.resolver = Arc::new(mailcheck::dns::Resolver::at(dns));
    config.allowed_addresses = vec![ADDRESS.parse().unwrap()];
    let mut ports = vec![(443, https), (80, http)];
    for port in [993, 143, 995, 110, 465, 587] {
        let to = mail
            .iter()
            .find(|(from, _)| *from == port)
            .map_or_else(closed, |(_, to)| *to);
        ports.push((port, to));
    }
    config.ports = PortMap(ports);
    config.ispdb = Some("https://ispdb.test/v1.1/".parse().unwrap());
    config
}

async fn discover_with(config: &Config, address: &str) -> Report {
    let target = Target::parse(&Request {
        address: Some(address.into()),
        domain: None,
        force: false,
    })
    .unwrap();
    let started = Instant::now();
    let report = run(&target, config, None).await;
    let bound = LIMITS.total + Duration::from_millis(800);
    assert!(started.elapsed() < bound, "took {:?}: {report:#?}", started.elapsed());
    report
}

fn outcome<'r>(report: &'r Report, source: &str) -> (&'r str, &'r str) {
    let s = report
        .sources
        .iter()
        .find(|s| s.source == source)
        .unwrap_or_else(|| panic!("no {source} in {report:#?}"));
    (s.outcome, s.detail.as_str())
}

fn sources(report: &Report) -> Vec<Source> {
    match &report
        .provider
        .as_ref()
        .unwrap_or_else(|| panic!("nothing found: {report:#?}"))
        .origin
    {
        Origin::Discovered { sources, .. } => sources.clone(),
        other => panic!("{other:?}"),
    }
}

fn hosts(report: &Report) -> Vec<String> {
    let p = report.provider.as_ref().unwrap();
    p.incoming.iter().chain(&p.outgoing).map(|s| s.to_string()).collect()
}

fn servers_of(domain: &str) -> Vec<(&'static str, String, u16, &'static str)> {
    vec![
        ("imap", format!("imap.{domain}"), 993, "SSL"),
        ("smtp", format!("smtp.{domain}"), 465, "SSL"),
    ]
}

fn doc(domain: &str) -> String {
    document(&format!("{domain} mail"), domain, &servers_of(domain))
}

/// An autoconfig document of `domain` named `name` listing `servers`.
fn document(name: &str, domain: &str, servers: &[(&str, String, u16, &str)]) -> String {
    let list: Vec<(&str, &str, u16, &str)> = servers.iter().map(|(k, h, p, s)| (*k, h.as_str(), *p, *s)).collect();
    autoconfig(name, domain, &list)
}

#[tokio::test]
async fn the_domains_own_autoconfig_alone_gets_the_address_and_nobody_else_does() {
    let zone = Zone::new().address("autoconfig.own", ADDRESS);
    let site = Site::new().page(
        "autoconfig.own.test",
        "/mail/config-v1.1.xml",
        Page::Text(doc("own.test")),
    );
    let world = World::new(zone, site, Site::new(), &["autoconfig.own.test"]).await;
    let report = world.discover("jane@own.test").await;
    assert!(report.found, "{report:#?}");
    assert_eq!(sources(&report), [Source::Autoconfig]);
    assert_eq!(
        hosts(&report),
        ["IMAP imap.own.test:993 (SSL/TLS)", "SMTP smtp.own.test:465 (SSL/TLS)"]
    );
    assert_eq!(outcome(&report, "autoconfig").0, "found");
    assert_eq!(outcome(&report, "ispdb").0, "nothing");
    let asked = world.https.asked();
    assert!(
        asked.contains(&"autoconfig.own.test/mail/config-v1.1.xml?emailaddress=jane%40own.test".to_owned()),
        "{asked:?}"
    );
    assert!(asked.contains(&"ispdb.test/v1.1/own.test".to_owned()), "{asked:?}");
    let with_address: Vec<&String> = asked.iter().filter(|a| a.contains("jane")).collect();
    assert_eq!(
        with_address.len(),
        1,
        "the address goes to the domain's own autoconfig only: {asked:?}"
    );
    // The https file was there, so the plain-http variants were never asked.
    assert!(world.http.asked().is_empty(), "{:?}", world.http.asked());
    let record = report.record.as_deref().unwrap();
    assert_eq!(
        mailcheck_engine::discover::accept(record, "own.test").unwrap(),
        *report.provider.as_ref().unwrap()
    );
    assert!(report
        .provenance
        .as_deref()
        .unwrap()
        .starts_with("Found for own.test on 20"));
}

#[tokio::test]
async fn the_ispdb_online_alone() {
    let site = Site::new().page("ispdb.test", "/v1.1/isp.test", Page::Text(doc("isp.test")));
    let world = World::new(Zone::new(), site, Site::new(), &[]).await;
    let report = world.discover("jane@isp.test").await;
    assert_eq!(sources(&report), [Source::Ispdb]);
    assert_eq!(report.provider.as_ref().unwrap().name, "isp.test mail");
    assert_eq!(outcome(&report, "autoconfig").0, "nothing");
    assert_eq!(outcome(&report, "mx").0, "nothing");
}

#[tokio::test]
async fn mx_records_of_google_and_microsoft_365_give_their_settings_with_the_reason() {
    let zone = Zone::new()
        .mx("google-hosted", 10, "aspmx.l.google.com.")
        .mx("google-hosted", 20, "alt1.aspmx.l.google.com.")
        .mx("m365-hosted", 0, "m365-hosted-test.mail.protection.outlook.com.");
    let world = World::new(zone, Site::new(), Site::new(), &[]).await;
    let google = world.discover("jane@google-hosted.test").await;
    assert_eq!(sources(&google), [Source::Mx("Google Mail".into())]);
    assert!(
        hosts(&google).contains(&"IMAP imap.gmail.com:993 (SSL/TLS)".to_owned()),
        "{:?}",
        hosts(&google)
    );
    assert!(
        outcome(&google, "mx")
            .1
            .starts_with("Google Mail: the MX host aspmx.l.google.com is under google.com"),
        "{:?}",
        outcome(&google, "mx")
    );
    let m365 = world.discover("jane@m365-hosted.test").await;
    assert_eq!(sources(&m365), [Source::Mx("Microsoft 365".into())]);
    assert_eq!(
        m365.provider.as_ref().unwrap().recommended_outgoing().host,
        "smtp.office365.com"
    );
    assert!(
        outcome(&m365, "mx").1.contains("under mail.protection.outlook.com"),
        "{:?}",
        outcome(&m365, "mx")
    );
    assert!(m365
        .provenance
        .as_deref()
        .unwrap()
        .contains("its MX records (Microsoft 365)"));
    // Nobody dialled or even resolved the MX hosts: they are only names to map.
    assert_eq!(world.dns.asked_about("aspmx.l.google.com."), 0);
}

#[tokio::test]
async fn an_mx_host_unknown_here_is_asked_of_the_ispdb_by_its_registrable_domain_only() {
    let zone = Zone::new().mx("hosted", 10, "mx1.eu.hoster-mail.test.");
    let site = Site::new().page(
        "ispdb.test",
        "/v1.1/hoster-mail.test",
        Page::Text(doc("hoster-mail.test")),
    );
    let world = World::new(zone, site, Site::new(), &[]).await;
    let report = world.discover("jane@hosted.test").await;
    assert_eq!(sources(&report), [Source::Mx("hoster-mail.test mail".into())]);
    assert!(world
        .https
        .asked()
        .contains(&"ispdb.test/v1.1/hoster-mail.test".to_owned()));
}

#[tokio::test]
async fn srv_records_alone_and_a_dot_says_not_offered() {
    let zone = Zone::new()
        .srv("_imaps._tcp.srv", 0, 1, 993, "imap.srv.test.")
        .srv("_pop3s._tcp.srv", 0, 1, 995, ".")
        .srv("_submission._tcp.srv", 0, 1, 587, "smtp.srv.test.")
        .srv("_submissions._tcp.srv", 0, 0, 0, ".");
    let world = World::new(zone, Site::new(), Site::new(), &[]).await;
    let report = world.discover("jane@srv.test").await;
    assert_eq!(sources(&report), [Source::Srv]);
    assert_eq!(
        hosts(&report),
        ["IMAP imap.srv.test:993 (SSL/TLS)", "SMTP smtp.srv.test:587 (STARTTLS)"]
    );
    let (found, detail) = outcome(&report, "srv");
    assert_eq!(found, "found");
    assert!(detail.contains("_pop3s._tcp says POP3 is not offered"), "{detail}");
    assert!(
        detail.contains("_submissions._tcp says SMTP is not offered"),
        "{detail}"
    );
    assert!(
        !report.sources.iter().any(|s| s.source == "guess"),
        "no guessing when both sides are known"
    );
}

#[tokio::test]
async fn sources_that_agree_are_named_together() {
    let zone = Zone::new()
        .address("autoconfig.agree", ADDRESS)
        .srv("_imaps._tcp.agree", 0, 1, 993, "imap.agree.test.")
        .srv("_submissions._tcp.agree", 0, 1, 465, "smtp.agree.test.");
    let site = Site::new()
        .page("autoconfig.agree.test", "/mail/", Page::Text(doc("agree.test")))
        .page("ispdb.test", "/v1.1/agree.test", Page::Text(doc("agree.test")));
    let world = World::new(zone, site, Site::new(), &["autoconfig.agree.test"]).await;
    let report = world.discover("jane@agree.test").await;
    assert_eq!(sources(&report), [Source::Autoconfig, Source::Ispdb, Source::Srv]);
    assert!(report.others.is_empty(), "{:?}", report.others);
    assert_eq!(
        report.servers[0].sources,
        [Source::Autoconfig, Source::Ispdb, Source::Srv]
    );
    assert!(report.servers[0].text.ends_with("agree."), "{}", report.servers[0].text);
}

#[tokio::test]
async fn disagreements_are_shown_and_the_more_trusted_source_wins() {
    let zone = Zone::new()
        .address("autoconfig.differ", ADDRESS)
        .srv("_imaps._tcp.differ", 0, 1, 993, "imap.elsewhere.test.")
        .srv("_submissions._tcp.differ", 0, 1, 465, "smtp.differ.test.");
    let site = Site::new().page("autoconfig.differ.test", "/mail/", Page::Text(doc("differ.test")));
    let world = World::new(zone, site, Site::new(), &["autoconfig.differ.test"]).await;
    let report = world.discover("jane@differ.test").await;
    assert_eq!(
        sources(&report),
        [Source::Autoconfig],
        "SRV names another incoming server"
    );
    assert_eq!(
        report.provider.as_ref().unwrap().recommended_incoming().host,
        "imap.differ.test"
    );
    let others: Vec<&str> = report.others.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(
        others,
        ["Another server, from its SRV records: IMAP imap.elsewhere.test:993 (SSL/TLS)."]
    );
    assert_eq!(
        report.servers[1].sources,
        [Source::Autoconfig, Source::Srv],
        "they agree on SMTP"
    );
}

#[tokio::test]
async fn a_confirmed_guess_is_offered_and_a_certificate_for_another_name_is_not() {
    let imap = Fake::imap()
        .implicit()
        .with_names(&["imap.guess.test"])
        .start_on(ADDRESS)
        .await;
    let smtp = Fake::smtp()
        .implicit()
        .with_names(&["smtp.guess.test"])
        .start_on(ADDRESS)
        .await;
    let zone = [
        "imap.guess",
        "mail.guess",
        "smtp.guess",
        "imap.wrongname",
        "smtp.wrongname",
    ]
    .iter()
    .fold(Zone::new(), |z, n| z.address(n, ADDRESS));
    let mut world = World::new(zone, Site::new(), Site::new(), &[]).await;
    world.mail = vec![(993, imap), (465, smtp)];
    let report = world.discover("jane@guess.test").await;
    assert_eq!(sources(&report), [Source::Guess]);
    assert_eq!(
        hosts(&report),
        [
            "IMAP imap.guess.test:993 (SSL/TLS)",
            "SMTP smtp.guess.test:465 (SSL/TLS)"
        ]
    );
    let (_, detail) = outcome(&report, "guess");
    // mail.guess.test reaches the same server, whose certificate is for imap.guess.test only.
    assert!(
        detail.contains("turned down: IMAP mail.guess.test:993 (SSL/TLS)"),
        "{detail}"
    );
    let wrong = world.discover("jane@wrongname.test").await;
    assert!(!wrong.found, "{wrong:#?}");
    assert!(
        outcome(&wrong, "guess")
            .1
            .contains("turned down: IMAP imap.wrongname.test:993"),
        "{:?}",
        outcome(&wrong, "guess")
    );
}

#[tokio::test]
async fn nxdomain_and_servfail_find_nothing_and_say_why() {
    let broken = [
        "broken",
        "autoconfig.broken",
        "_imaps._tcp.broken",
        "_imap._tcp.broken",
        "_pop3s._tcp.broken",
        "_pop3._tcp.broken",
        "_submissions._tcp.broken",
        "_submission._tcp.broken",
    ];
    let zone = broken.iter().fold(Zone::new(), |z, n| z.servfail(n));
    let world = World::new(zone, Site::new(), Site::new(), &[]).await;
    let none = world.discover("jane@nowhere.test").await;
    assert!(!none.found);
    assert_eq!(outcome(&none, "mx"), ("nothing", "no MX records"));
    // Said in words, not in the resolver's structures.
    assert_eq!(
        outcome(&none, "autoconfig"),
        ("nothing", "no such host: the name does not exist")
    );
    assert!(
        none.summary.starts_with("No settings found for nowhere.test"),
        "{}",
        none.summary
    );
    let failed = world.discover("jane@broken.test").await;
    assert_eq!(outcome(&failed, "mx").0, "failed", "{failed:#?}");
    assert_eq!(outcome(&failed, "srv").0, "failed");
    assert_eq!(outcome(&failed, "autoconfig").0, "failed");
}

#[tokio::test]
async fn a_dns_server_that_never_answers_costs_the_time_limit_and_no_more() {
    let config = config_at(black_hole().await, closed(), closed(), &[]);
    let report = discover_with(&config, "jane@silent.test").await;
    assert!(!report.found);
    assert_eq!(outcome(&report, "mx"), ("failed", "no answer from DNS in time"));
}

#[tokio::test]
async fn private_answers_and_redirects_to_unsafe_places_are_refused_without_dialling() {
    // Something listening on 127.0.0.1 that must never be reached, counting connections.
    let reached = Arc::new(AtomicUsize::new(0));
    let counter = reached.clone();
    let trap = support::faults::serve(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        async {}
    })
    .await;
    let zone = Zone::new()
        .address("autoconfig.private", "10.0.0.1")
        .address("private", "192.168.1.1")
        .address("autoconfig.loop", ADDRESS)
        .address("autoconfig.meta", ADDRESS)
        .address("autoconfig.downgrade", ADDRESS)
        .mx("private", 10, "mx.private.test.")
        .address("mx.private", "10.0.0.2");
    let site = Site::new()
        .page(
            "autoconfig.loop.test",
            "/",
            Page::Redirect(format!("https://127.0.0.1:{trap}/mail/config-v1.1.xml")),
        )
        .page(
            "autoconfig.meta.test",
            "/",
            Page::Redirect("http://169.254.169.254/latest/meta-data/".into()),
        )
        .page(
            "autoconfig.downgrade.test",
            "/",
            Page::Redirect("http://autoconfig.downgrade.test/x".into()),
        );
    let names = [
        "autoconfig.loop.test",
        "autoconfig.meta.test",
        "autoconfig.downgrade.test",
    ];
    let world = World::new(zone, site, Site::new(), &names).await;
    let private = world.discover("jane@private.test").await;
    let (refused, why) = outcome(&private, "autoconfig");
    assert_eq!(refused, "refused");
    assert!(why.contains("10.0.0.1, in 10.0.0.0/8"), "{why}");
    assert!(
        outcome(&private, "well-known").1.contains("192.168.1.1"),
        "{:?}",
        outcome(&private, "well-known")
    );
    assert_eq!(
        world.dns.asked_about("mx.private.test."),
        0,
        "an MX host is a name to map, never dialled"
    );
    let looped = world.discover("jane@loop.test").await;
    assert_eq!(outcome(&looped, "autoconfig").0, "refused");
    assert!(outcome(&looped, "autoconfig").1.contains("127.0.0.1"));
    let meta = world.discover("jane@meta.test").await;
    assert_eq!(outcome(&meta, "autoconfig").0, "refused");
    assert!(
        outcome(&meta, "autoconfig")
            .1
            .contains("from https to http://169.254.169.254/"),
        "{:?}",
        outcome(&meta, "autoconfig")
    );
    let down = world.discover("jane@downgrade.test").await;
    assert!(outcome(&down, "autoconfig").1.contains("drop the encryption"));
    assert_eq!(reached.load(Ordering::SeqCst), 0, "127.0.0.1 was dialled");
}

#[tokio::test]
async fn a_redirect_to_http_on_a_plain_variant_is_still_checked_for_private_addresses() {
    let zone = Zone::new().address("autoconfig.plain", ADDRESS);
    let http = Site::new().page(
        "autoconfig.plain.test",
        "/",
        Page::Redirect("http://169.254.169.254/x".into()),
    );
    let world = World::new(zone, Site::new(), http, &[]).await;
    let report = world.discover("jane@plain.test").await;
    let (refused, why) = outcome(&report, "autoconfig-http");
    assert_eq!(refused, "refused", "{report:#?}");
    assert!(why.contains("169.254.169.254, in 169.254.0.0/16"), "{why}");
    // Plain http never carries the address.
    assert!(
        world.http.asked().iter().all(|a| !a.contains("jane")),
        "{:?}",
        world.http.asked()
    );
}

#[tokio::test]
async fn redirects_are_followed_three_times_and_no_more() {
    let zone = Zone::new()
        .address("autoconfig.moved", ADDRESS)
        .address("autoconfig.loops", ADDRESS);
    let site = Site::new()
        .page("autoconfig.moved.test", "/mail/", Page::Redirect("/one".into()))
        .page("autoconfig.moved.test", "/one", Page::Redirect("/two".into()))
        .page("autoconfig.moved.test", "/two", Page::Text(doc("moved.test")))
        .page("autoconfig.loops.test", "/", Page::Redirect("/again".into()));
    let world = World::new(
        zone,
        site,
        Site::new(),
        &["autoconfig.moved.test", "autoconfig.loops.test"],
    )
    .await;
    let moved = world.discover("jane@moved.test").await;
    assert_eq!(sources(&moved), [Source::Autoconfig]);
    assert!(outcome(&moved, "autoconfig").1.contains("(redirected)"));
    let loops = world.discover("jane@loops.test").await;
    assert_eq!(outcome(&loops, "autoconfig"), ("failed", "more than 3 redirects"));
    let asked = world
        .https
        .asked()
        .iter()
        .filter(|a| a.starts_with("autoconfig.loops.test"))
        .count();
    assert_eq!(asked, 4, "the first request and three redirects");
}

#[tokio::test]
async fn a_huge_a_slow_and_a_malformed_document_are_each_refused_in_time() {
    let zone = Zone::new()
        .address("autoconfig.huge", ADDRESS)
        .address("autoconfig.slow", ADDRESS)
        .address("autoconfig.broken-xml", ADDRESS);
    let site = Site::new()
        .page("autoconfig.huge.test", "/", Page::Huge(10 * 1024 * 1024))
        .page("autoconfig.slow.test", "/", Page::Drip(doc("slow.test")))
        .page(
            "autoconfig.broken-xml.test",
            "/",
            Page::Text("<clientConfig><emailProvider id=".into()),
        );
    let names = [
        "autoconfig.huge.test",
        "autoconfig.slow.test",
        "autoconfig.broken-xml.test",
    ];
    let world = World::new(zone, site, Site::new(), &names).await;
    let huge = world.discover("jane@huge.test").await;
    assert_eq!(
        outcome(&huge, "autoconfig"),
        ("failed", "the document is larger than 64 KiB")
    );
    let slow = world.discover("jane@slow.test").await;
    let (failed, why) = outcome(&slow, "autoconfig");
    assert_eq!(failed, "failed");
    assert!(why.starts_with("too slow: "), "{why}");
    let bad = world.discover("jane@broken-xml.test").await;
    let (failed, why) = outcome(&bad, "autoconfig");
    assert_eq!(failed, "failed");
    assert!(why.starts_with("not an autoconfig document that can be used"), "{why}");
}

#[tokio::test]
async fn a_known_domain_needs_no_discovery_unless_forced() {
    let world = World::new(Zone::new(), Site::new(), Site::new(), &[]).await;
    let known = world.discover("jane@q.com").await;
    assert!(known.sources.is_empty() && !known.found);
    assert_eq!(
        known.summary,
        "q.com is in mailcheck's database (CenturyLink, Checked): no discovery is needed."
    );
    assert!(world.https.asked().is_empty());
    let target = Target::parse(&Request {
        address: Some("jane@q.com".into()),
        domain: None,
        force: true,
    })
    .unwrap();
    let forced = run(&target, &world.config(), None).await;
    assert_eq!(sources(&forced), [Source::Checked]);
    assert_eq!(
        forced.provider.as_ref().unwrap().recommended_incoming().host,
        "pop.centurylink.net"
    );
}

/// An autoconfig document of hostile.test whose texts carry a right-to-left override, an 8-bit CSI, an
/// isolate, markup, and a documentation URL with a line break (written as character references, as XML allows).
fn hostile_doc() -> String {
    let servers = doc("hostile.test");
    let (head, tail) = servers.split_once("</emailProvider>").unwrap();
    let head = head.replace(
        "<displayName>hostile.test mail</displayName>",
        "<displayName>Bank&#x202E;lapyap&#x202C; &#x9B;2J</displayName>",
    );
    format!(
        "{head}<documentation url=\"https://hostile.test/help&#10;more\"><descr>Help</descr></documentation>\
         <documentation url=\"https://hostile.test/ok\"><descr>&lt;b&gt;Fine&lt;/b&gt;&#x2066;</descr></documentation>\
         <enable visiturl=\"https://hostile.test/enable\"><instruction>Turn&#x202E; IMAP on</instruction></enable>\
         </emailProvider>{tail}"
    )
}

#[tokio::test]
async fn text_from_other_servers_is_cleaned_and_said_and_a_bad_link_never_loses_the_record() {
    let zone = Zone::new().address("autoconfig.hostile", ADDRESS);
    let site = Site::new().page(
        "autoconfig.hostile.test",
        "/mail/config-v1.1.xml",
        Page::Text(hostile_doc()),
    );
    let world = World::new(zone, site, Site::new(), &["autoconfig.hostile.test"]).await;
    let report = world.discover("jane@hostile.test").await;
    assert!(report.found, "{report:#?}");
    let p = report.provider.as_ref().unwrap();
    assert_eq!(p.name, "Banklapyap 2J");
    assert_eq!(
        p.docs.len(),
        1,
        "the link with a line break is left out, the other kept"
    );
    assert_eq!(
        (p.docs[0].url.as_str(), p.docs[0].title.as_str()),
        ("https://hostile.test/ok", "<b>Fine</b>")
    );
    assert_eq!(p.requirements[0].quote.as_deref(), Some("Turn IMAP on"));
    assert_eq!(
        hosts(&report),
        [
            "IMAP imap.hostile.test:993 (SSL/TLS)",
            "SMTP smtp.hostile.test:465 (SSL/TLS)"
        ]
    );
    let record = report.record.as_deref().expect("the record the app uses");
    assert_eq!(mailcheck_engine::discover::accept(record, "hostile.test").unwrap(), *p);
    let source = report.sources.iter().find(|s| s.source == "autoconfig").unwrap();
    assert!(
        source
            .cleaned
            .iter()
            .any(|c| c.starts_with("mailcheck left out a documentation link")),
        "{:?}",
        source.cleaned
    );
    assert!(
        source.text.ends_with(source.cleaned.last().unwrap()),
        "said in the line people see: {}",
        source.text
    );
    let json = serde_json::to_string(&report).unwrap();
    let unwanted = mailcheck_engine::discover::clean::is_unwanted;
    assert!(!json.chars().any(unwanted), "{json}");
}

// `POST /api/discover` through the router (no socket), and `mailcheck discover`, the real binary.

mod api {
    use super::*;
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use axum::http::{header, Request as HttpRequest, StatusCode};
    use axum::Router;
    use http_body_util::BodyExt;
    use mailcheck::discover::api::{router, Settings};
    use std::num::NonZeroU32;
    use tower::ServiceExt;

    async fn post(app: &Router, client: &str, content_type: &str, body: &str) -> (StatusCode, Vec<serde_json::Value>) {
        let mut request = HttpRequest::post("/api/discover")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned()))
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(client.parse::<SocketAddr>().unwrap()));
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let lines = String::from_utf8(bytes.to_vec())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (status, lines)
    }

    async fn own_world() -> World {
        let zone = Zone::new().address("autoconfig.own", ADDRESS);
        let site = Site::new().page(
            "autoconfig.own.test",
            "/mail/config-v1.1.xml",
            Page::Text(doc("own.test")),
        );
        World::new(zone, site, Site::new(), &["autoconfig.own.test"]).await
    }

    #[tokio::test]
    async fn the_stream_sends_each_source_then_the_result_and_a_repeat_comes_from_the_cache() {
        let world = own_world().await;
        let app = router(world.config(), &Settings::default());
        let (status, lines) = post(
            &app,
            "192.0.2.1:1",
            "application/json",
            r#"{"address":"jane@own.test"}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (last, sources) = lines.split_last().unwrap();
        assert!(sources
            .iter()
            .all(|l| l["type"] == "source" && l["text"].as_str().is_some_and(|t| t.ends_with('.'))));
        assert!(sources.len() >= 5, "{lines:?}");
        assert_eq!(last["type"], "result");
        assert_eq!(last["found"], true);
        let record = last["record"].as_str().unwrap();
        assert!(
            mailcheck_engine::discover::accept(record, "own.test").is_ok(),
            "{record}"
        );
        let asked = world.https.asked().len();
        let (_, again) = post(
            &app,
            "192.0.2.2:1",
            "application/json",
            r#"{"address":"jane@own.test"}"#,
        )
        .await;
        assert_eq!(again.last(), Some(last), "the same answer");
        assert_eq!(again.len(), lines.len());
        assert_eq!(
            world.https.asked().len(),
            asked,
            "answered from the cache: nothing asked again"
        );
    }

    #[tokio::test]
    async fn bad_requests_client_and_domain_limits_are_refused_before_anything_is_asked() {
        let world = own_world().await;
        let settings = Settings {
            per_client_per_minute: NonZeroU32::new(2).unwrap(),
            per_domain_per_minute: NonZeroU32::new(1).unwrap(),
            ..Settings::default()
        };
        let app = router(world.config(), &settings);
        let (status, body) = post(&app, "192.0.2.1:1", "text/plain", r#"{"address":"jane@own.test"}"#).await;
        assert_eq!(
            (status, body[0]["error"].as_str()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("discover.bad-request"))
        );
        for (i, bad) in [
            r#"{"address":"jane@com"}"#,
            r#"{"address":"x","host":"y"}"#,
            r#"["jane@own.test"]"#,
        ]
        .iter()
        .enumerate()
        {
            let (status, _) = post(&app, &format!("192.0.2.{}:1", 10 + i), "application/json", bad).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        }
        let (status, _) = post(
            &app,
            "192.0.2.1:1",
            "application/json",
            r#"{"address":"jane@own.test"}"#,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        // Another address of the same domain, from another client: not in the cache, over the domain's limit.
        let (status, body) = post(&app, "192.0.2.3:1", "application/json", r#"{"address":"joe@own.test"}"#).await;
        assert_eq!(
            (status, body[0]["error"].as_str()),
            (StatusCode::TOO_MANY_REQUESTS, Some("discover.domain-busy"))
        );
        // The 415 cost no quota: this client's second discovery runs, its third is refused.
        let (status, _) = post(&app, "192.0.2.1:1", "application/json", r#"{"domain":"other.test"}"#).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = post(&app, "192.0.2.1:1", "application/json", r#"{"domain":"third.test"}"#).await;
        assert_eq!(
            (status, body[0]["error"].as_str()),
            (StatusCode::TOO_MANY_REQUESTS, Some("discover.rate-limited"))
        );
        assert_eq!(world.https.asked().iter().filter(|a| a.contains("joe")).count(), 0);
    }

    /// A document within the 64 KiB limit that lists 250 servers, served at all three places asked.
    async fn many_world() -> World {
        let mut list: Vec<(&str, String, u16, &str)> = (0..250)
            .map(|i| ("imap", format!("imap{i}.many.test"), 993, "SSL"))
            .collect();
        list.push(("smtp", "smtp.many.test".into(), 465, "SSL"));
        let many = document("many.test mail", "many.test", &list);
        assert!(many.len() < 64 * 1024, "{}", many.len());
        let zone = Zone::new().address("autoconfig.many", ADDRESS).address("many", ADDRESS);
        let site = Site::new()
            .page("autoconfig.many.test", "/", Page::Text(many.clone()))
            .page("many.test", "/.well-known/", Page::Text(many.clone()))
            .page("ispdb.test", "/v1.1/many.test", Page::Text(many));
        World::new(zone, site, Site::new(), &["autoconfig.many.test", "many.test"]).await
    }

    /// The bytes of an answer, as sent.
    fn size(lines: &[serde_json::Value]) -> usize {
        lines.iter().map(|l| l.to_string().len() + 1).sum()
    }

    #[tokio::test]
    async fn hundreds_of_servers_in_a_document_give_a_small_answer_and_the_cache_weighs_it() {
        let world = many_world().await;
        let settings = Settings {
            cache_bytes: 16 * 1024,
            ..Settings::default()
        };
        let app = router(world.config(), &settings);
        let (status, lines) = post(&app, "192.0.2.1:1", "application/json", r#"{"domain":"many.test"}"#).await;
        assert_eq!(status, StatusCode::OK);
        let last = lines.last().unwrap();
        assert_eq!(last["provider"]["incoming"].as_array().unwrap().len(), 8);
        let autoconfig = lines.iter().find(|l| l["source"] == "autoconfig").unwrap();
        assert!(
            autoconfig["text"]
                .as_str()
                .unwrap()
                .ends_with("mailcheck left out 242 incoming server(s) beyond the first 8."),
            "{autoconfig}"
        );
        let bytes = size(&lines);
        assert!(bytes < 32 * 1024, "{bytes} bytes");
        // Over the cache's byte budget: not kept, so the repeat asks again.
        let asked = world.https.asked().len();
        let (_, again) = post(&app, "192.0.2.2:1", "application/json", r#"{"domain":"many.test"}"#).await;
        assert_eq!(again.last().unwrap()["found"], true);
        assert!(world.https.asked().len() > asked, "not answered from the cache");
        // Within a budget that holds it: the repeat comes from the cache.
        let app = router(world.config(), &Settings::default());
        post(&app, "192.0.2.3:1", "application/json", r#"{"domain":"many.test"}"#).await;
        let asked = world.https.asked().len();
        post(&app, "192.0.2.4:1", "application/json", r#"{"domain":"many.test"}"#).await;
        assert_eq!(world.https.asked().len(), asked, "answered from the cache");
    }

    #[tokio::test]
    async fn the_command_line_prints_each_source_and_the_merged_record() {
        let world = own_world().await;
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, support::certs::test_ca().pem()).unwrap();
        let run = |json: bool| {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mailcheck"));
            command
                .args(["discover", "jane@own.test", "--dns-server", &world.dns.addr.to_string()])
                .args([
                    "--test-allow-address",
                    ADDRESS,
                    "--ispdb-url",
                    "https://ispdb.test/v1.1/",
                ])
                .arg("--test-ca")
                .arg(&ca)
                .args([
                    "--test-port",
                    &format!("443={}", world.https.port),
                    "--test-port",
                    &format!("80={}", world.http.port),
                ]);
            if json {
                command.arg("--json");
            }
            // On a thread of its own: this test's runtime keeps serving DNS and https meanwhile.
            tokio::task::spawn_blocking(move || command.output().unwrap())
        };
        let text = run(false).await.unwrap();
        let out = String::from_utf8_lossy(&text.stdout);
        assert!(text.status.success(), "{out}{}", String::from_utf8_lossy(&text.stderr));
        assert!(out.contains("found "), "{out}");
        assert!(out.contains("own.test: own.test mail [Discovered]"), "{out}");
        assert!(out.contains("Found for own.test on "), "{out}");
        let json = run(true).await.unwrap();
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(report["found"], true);
        assert_eq!(report["provider"]["origin"]["tier"], "discovered");
        assert_eq!(report["provider"]["origin"]["sources"][0]["source"], "autoconfig");
    }
}
