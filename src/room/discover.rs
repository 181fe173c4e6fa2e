//! Rooms on the local network by mDNS: a host announces its room, a table lists the rooms it
//! hears. Multicast often does not get through guest and corporate Wi-Fi, so this is a
//! convenience beside the typed address and the QR code, never the only way in: every
//! failure here is a line of text and the room goes on without it.

use std::collections::BTreeMap;
use std::net::IpAddr;

use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};

use super::client::Address;

/// The mDNS service type of a Multiplier room.
pub const SERVICE: &str = "_multiplier._tcp.local.";

/// A room heard on the network.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// The room's workshop code, as it announced it.
    pub code: String,
    /// Where to join it.
    pub address: Address,
}

/// A room's announcement, kept up while this lives.
pub struct Announced {
    daemon: ServiceDaemon,
}

impl Drop for Announced {
    fn drop(&mut self) {
        let _ = self.daemon.shutdown();
    }
}

/// Announces the room `code` listening on `port` at `addresses` (every address the host
/// binds to). The error's words are what to tell the facilitator.
pub fn announce(code: &str, port: u16, addresses: &[IpAddr]) -> Result<Announced, mdns_sd::Error> {
    let daemon = ServiceDaemon::new()?;
    let host = format!("multiplier-{}.local.", sanitise(code));
    let addresses: Vec<IpAddr> = addresses.iter().copied().filter(IpAddr::is_ipv4).collect();
    let properties = [("code", code)];
    let info = ServiceInfo::new(SERVICE, code, &host, &addresses[..], port, &properties[..])?;
    let info = if addresses.is_empty() {
        info.enable_addr_auto()
    } else {
        info
    };
    daemon.register(info)?;
    Ok(Announced { daemon })
}

/// A host name's first label from a code: letters, digits and hyphens.
fn sanitise(code: &str) -> String {
    code.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(48)
        .collect()
}

/// Listening for rooms, in the background, while this lives.
pub struct Discovery {
    daemon: ServiceDaemon,
    events: mdns_sd::Receiver<ServiceEvent>,
    /// The rooms heard so far, by their service's full name.
    rooms: BTreeMap<String, Found>,
}

impl Drop for Discovery {
    fn drop(&mut self) {
        let _ = self.daemon.shutdown();
    }
}

impl Discovery {
    /// Starts listening. The error is why rooms cannot be listed (the address can still be
    /// typed).
    pub fn start() -> Result<Self, mdns_sd::Error> {
        let daemon = ServiceDaemon::new()?;
        let events = daemon.browse(SERVICE)?;
        Ok(Self {
            daemon,
            events,
            rooms: BTreeMap::new(),
        })
    }

    /// The rooms heard until now, by code; never waits.
    pub fn rooms(&mut self) -> Vec<Found> {
        while let Ok(event) = self.events.try_recv() {
            match event {
                ServiceEvent::ServiceResolved(service) => {
                    let code = service
                        .get_property_val_str("code")
                        .map(str::to_string)
                        .unwrap_or_else(|| service.fullname.clone());
                    // Another machine cannot reach a loopback address: it is the last
                    // choice, for a host on this machine.
                    let mut v4: Vec<_> = service.get_addresses_v4().into_iter().collect();
                    v4.sort_by_key(|ip| (ip.is_loopback(), *ip));
                    if let Some(ip) = v4.first() {
                        // The room's short code is not announced: only the projector shows it.
                        let address = Address::local(ip.to_string(), service.port);
                        self.rooms
                            .insert(service.fullname.clone(), Found { code, address });
                    }
                }
                ServiceEvent::ServiceRemoved(_, fullname) => {
                    self.rooms.remove(&fullname);
                }
                _ => {}
            }
        }
        let mut rooms: Vec<Found> = self.rooms.values().cloned().collect();
        rooms.sort();
        rooms
    }
}
