// A real DNS server for the journeys: dnsmasq on a loopback port, answering only the test zones it is given
// (NXDOMAIN for every other name under .test), with no configuration, hosts file or upstream server. Not a
// test file itself.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A UDP port free a moment ago (dnsmasq takes the same number for TCP). */
export async function freePort() {
  const socket = createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise((resolve) => socket.close(resolve));
  return port;
}

/** Starts `command`, resolving with the child and the first line of `stream` that `ready` accepts. */
export function start(command, args, stream, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} stopped (${code}): ${lines.join('\n')}`)));
    createInterface({ input: child[stream] }).on('line', (line) => {
      lines.push(line);
      if (ready(line)) resolve({ child, line });
    });
  });
}

/** Starts dnsmasq with `zones` (its `--mx-host=…`, `--srv-host=…` options); resolves with the child and its port. */
export async function dnsmasq(zones) {
  const port = await freePort();
  const command = existsSync('/usr/sbin/dnsmasq') ? '/usr/sbin/dnsmasq' : 'dnsmasq';
  // In the foreground, no configuration, no hosts file, no upstream server, on loopback only.
  const { child } = await start(
    command,
    [
      '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--no-poll', '--bind-interfaces',
      '--listen-address=127.0.0.1', `--port=${port}`, '--pid-file=', '--log-facility=-', '--local=/test/',
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ...zones,
    ],
    'stderr',
    (line) => line.includes('started'),
  );
  return { child, port };
}

/** Stops children started here, without their exit counting as a failure. */
export function stop(...children) {
  for (const child of children.filter(Boolean)) {
    child.removeAllListeners('exit');
    child.kill();
  }
}
