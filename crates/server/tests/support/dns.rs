//! A real DNS server on loopback for the tests, in-process: hickory-server with an in-memory zone
//! (`test.`), so names resolve, do not exist (NXDOMAIN) or have no addresses exactly as on the internet;
//! plus names that fail (SERVFAIL), and a black hole that never answers. It records every question it is
//! asked. The probe's tests point the resolver at it (`mailcheck::dns::Resolver::at`); discovery's tests can
//! add MX and SRV records the same way.

use hickory_server::proto::op::{Header, HeaderCounts, MessageType, Metadata, ResponseCode};
use hickory_server::proto::rr::rdata::{A, AAAA, MX, NS, SOA, SRV};
use hickory_server::proto::rr::{LowerName, Name, RData, Record, RecordType};
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, MessageResponseBuilder, ZoneType};
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

/// The zone every test name lives in.
pub const ORIGIN: &str = "test.";

/// What the zone holds: names (relative to `test.` or absolute) with their addresses, and names that fail.
#[derive(Clone, Debug, Default)]
pub struct Zone {
    addresses: Vec<(String, IpAddr)>,
    servfail: Vec<String>,
    /// Names with their MX (preference, exchange) and SRV (priority, weight, port, target) records.
    mx: Vec<(String, u16, String)>,
    srv: Vec<(String, u16, u16, u16, String)>,
}

impl Zone {
    pub fn new() -> Zone {
        Zone::default()
    }

    /// An A or AAAA record (by the address's family).
    pub fn address(mut self, name: &str, ip: &str) -> Zone {
        self.addresses.push((absolute(name), ip.parse().unwrap()));
        self
    }

    /// An MX record: mail for `name` goes to `exchange` (absolute, or `.` for a null MX).
    pub fn mx(mut self, name: &str, preference: u16, exchange: &str) -> Zone {
        self.mx.push((absolute(name), preference, exchange.to_owned()));
        self
    }

    /// An SRV record (`name` such as `_imaps._tcp.example.test`; `target` absolute, or `.`: not offered).
    pub fn srv(mut self, name: &str, priority: u16, weight: u16, port: u16, target: &str) -> Zone {
        self.srv
            .push((absolute(name), priority, weight, port, target.to_owned()));
        self
    }

    /// A name whose every question is answered SERVFAIL.
    pub fn servfail(mut self, name: &str) -> Zone {
        self.servfail.push(absolute(name));
        self
    }
}

fn absolute(name: &str) -> String {
    if name.ends_with('.') {
        name.to_ascii_lowercase()
    } else {
        format!("{}.{ORIGIN}", name.to_ascii_lowercase())
    }
}

/// The running server.
pub struct TestDns {
    pub addr: SocketAddr,
    asked: Arc<Mutex<Vec<(String, RecordType)>>>,
}

impl TestDns {
    /// Serves `zone` over UDP and TCP on a free 127.0.0.1 port, for as long as the test's runtime runs.
    pub async fn start(zone: Zone) -> TestDns {
        let origin = Name::from_str(ORIGIN).unwrap();
        let mut handler: InMemoryZoneHandler =
            InMemoryZoneHandler::empty(origin.clone(), ZoneType::Primary, AxfrPolicy::Deny);
        let ns = Name::from_str("ns.test.").unwrap();
        let soa = SOA::new(
            ns.clone(),
            Name::from_str("hostmaster.test.").unwrap(),
            1,
            3600,
            600,
            86400,
            60,
        );
        handler.upsert_mut(Record::from_rdata(origin.clone(), 3600, RData::SOA(soa)), 1);
        handler.upsert_mut(Record::from_rdata(origin.clone(), 3600, RData::NS(NS(ns))), 1);
        for (name, ip) in &zone.addresses {
            let rdata = match ip {
                IpAddr::V4(v4) => RData::A(A(*v4)),
                IpAddr::V6(v6) => RData::AAAA(AAAA(*v6)),
            };
            handler.upsert_mut(Record::from_rdata(Name::from_str(name).unwrap(), 60, rdata), 1);
        }
        let host = |t: &str| {
            if t == "." {
                Name::root()
            } else {
                Name::from_str(t).unwrap()
            }
        };
        for (name, preference, exchange) in &zone.mx {
            let rdata = RData::MX(MX::new(*preference, host(exchange)));
            handler.upsert_mut(Record::from_rdata(Name::from_str(name).unwrap(), 60, rdata), 1);
        }
        for (name, priority, weight, port, target) in &zone.srv {
            let rdata = RData::SRV(SRV::new(*priority, *weight, *port, host(target)));
            handler.upsert_mut(Record::from_rdata(Name::from_str(name).unwrap(), 60, rdata), 1);
        }
        let mut catalog = Catalog::new();
        catalog.upsert(LowerName::new(&origin), vec![Arc::new(handler)]);
        let asked = Arc::new(Mutex::new(Vec::new()));
        let handler = Recorded {
            catalog,
            servfail: zone.servfail,
            asked: asked.clone(),
        };
        let (udp, tcp) = udp_and_tcp_on_one_port().await;
        let addr = udp.local_addr().unwrap();
        let mut server = hickory_server::Server::new(handler);
        server.register_socket(udp);
        server.register_listener(tcp, std::time::Duration::from_secs(5), 64 * 1024);
        tokio::spawn(async move {
            let _ = server.block_until_done().await;
        });
        TestDns { addr, asked }
    }

    /// Every question so far: the name (absolute, lower case) and the record type.
    pub fn asked(&self) -> Vec<(String, RecordType)> {
        self.asked.lock().unwrap().clone()
    }

    /// How many questions were about `name`.
    pub fn asked_about(&self, name: &str) -> usize {
        let name = absolute(name);
        self.asked().iter().filter(|(n, _)| *n == name).count()
    }
}

/// The catalog, with every question written down and the SERVFAIL names failed.
struct Recorded {
    catalog: Catalog,
    servfail: Vec<String>,
    asked: Arc<Mutex<Vec<(String, RecordType)>>>,
}

#[async_trait::async_trait]
impl RequestHandler for Recorded {
    async fn handle_request<R: ResponseHandler, T: hickory_server::net::runtime::Time>(
        &self,
        request: &Request,
        mut response_handle: R,
    ) -> ResponseInfo {
        let questions: Vec<(String, RecordType)> = request
            .queries
            .queries()
            .iter()
            .map(|q| (q.name().to_string().to_ascii_lowercase(), q.query_type()))
            .collect();
        self.asked.lock().unwrap().extend(questions.iter().cloned());
        if questions.iter().any(|(name, _)| self.servfail.contains(name)) {
            let response = MessageResponseBuilder::new(&request.queries, None)
                .error_msg(&request.metadata, ResponseCode::ServFail);
            return match response_handle.send_response(response).await {
                Ok(info) => info,
                Err(_) => {
                    let mut metadata =
                        Metadata::new(request.metadata.id, MessageType::Response, request.metadata.op_code);
                    metadata.response_code = ResponseCode::ServFail;
                    ResponseInfo::from(Header {
                        metadata,
                        counts: HeaderCounts::default(),
                    })
                }
            };
        }
        self.catalog.handle_request::<R, T>(request, response_handle).await
    }
}

/// A UDP and TCP port on 127.0.0.1 that takes questions and never answers: a name server that is down or
/// cut off. Returns its address; it lives as long as the test's runtime.
pub async fn black_hole() -> SocketAddr {
    let (udp, tcp) = udp_and_tcp_on_one_port().await;
    let addr = udp.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = [0u8; 1500];
        let mut held = Vec::new();
        loop {
            tokio::select! {
                _ = udp.recv_from(&mut buf) => {}
                accepted = tcp.accept() => if let Ok((stream, _)) = accepted { held.push(stream) },
            }
        }
    });
    addr
}

/// A UDP socket and a TCP listener on the same free loopback port, as a name server has. The port is free
/// for UDP when the kernel picks it, not always for TCP (another test may hold it): then try another one.
async fn udp_and_tcp_on_one_port() -> (tokio::net::UdpSocket, tokio::net::TcpListener) {
    for _ in 0..50 {
        let udp = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
        if let Ok(tcp) = tokio::net::TcpListener::bind(udp.local_addr().unwrap()).await {
            return (udp, tcp);
        }
    }
    panic!("no loopback port free for both UDP and TCP in 50 tries");
}
