import { describe, expect, it } from "vitest";
import * as compute from "./compute";
import * as flavor from "./flavor";
import * as identity from "./identity";
import * as image from "./image";
import * as keypair from "./keypair";
import * as network from "./network";
import { type CliScript, renderScript } from "./script";
import * as volume from "./volume";

const r = (s: CliScript) => renderScript(s);
const IMG = "11111111-1111-4111-8111-111111111111";
const FL = "2";
const NET = "33333333-3333-4333-8333-333333333333";
const PORT = "44444444-4444-4444-8444-444444444444";
const SG = "55555555-5555-4555-8555-555555555555";
const SRV = "66666666-6666-4666-8666-666666666666";
const VOL = "77777777-7777-4777-8777-777777777777";

describe("compute", () => {
  it("server create: IDs, NICs in order, groups, key, user data placeholder, count, properties", () => {
    const text = r(
      compute.serverCreate({
        name: "web 1",
        imageId: IMG,
        flavorId: FL,
        nics: [
          { kind: "network", id: NET },
          { kind: "port", id: PORT },
        ],
        securityGroupIds: [SG],
        keyName: "k",
        hasUserData: true,
        availabilityZone: "nova",
        count: "3",
        metadata: { role: "web server" },
      }),
    );
    expect(text).toBe(
      "# Save the user data to a file and give its path to --user-data.\n" +
        `openstack server create --flavor 2 --image ${IMG} --network ${NET} --port ${PORT} --security-group ${SG} ` +
        "--key-name k --user-data '<user-data-file>' --availability-zone nova --property 'role=web server' --min 3 --max 3 'web 1'",
    );
  });

  it("server create without network asks for 2.37 and --nic none; boot from volume adds its size", () => {
    const text = r(
      compute.serverCreate({
        name: "vm",
        imageId: IMG,
        flavorId: FL,
        withoutNetwork: true,
        securityGroupIds: [SG],
        bootVolume: { sizeGb: "5", deleteOnTermination: false },
      }),
    );
    expect(text).toContain(
      `openstack server create --os-compute-api-version 2.37 --flavor 2 --image ${IMG} --boot-from-volume 5 --nic none vm`,
    );
    expect(text).toMatch(/^# .*delete_on_termination=false/m);
    expect(text).not.toContain("--security-group");
  });

  it("server create: a blank name shows a placeholder; one instance has no --min/--max", () => {
    const text = r(compute.serverCreate({ name: " ", imageId: IMG, flavorId: FL, count: "1" }));
    expect(text).toBe(`openstack server create --flavor 2 --image ${IMG} '<name>'`);
  });

  it("instance actions", () => {
    expect(r(compute.serverAction("hardReboot", [SRV]))).toBe(`openstack server reboot --hard ${SRV}`);
    expect(r(compute.serverAction("stop", ["a", "b"]))).toBe("openstack server stop a b");
    expect(r(compute.serverAction("confirmResize", ["a", "b"]))).toBe(
      "openstack server resize confirm a\nopenstack server resize confirm b",
    );
    expect(compute.isSimpleServerAction("shelve")).toBe(true);
    expect(compute.isSimpleServerAction("resize")).toBe(false);
    expect(r(compute.serverResize({ serverId: SRV, flavorId: FL }))).toBe(
      `openstack server resize --flavor 2 ${SRV}`,
    );
    expect(r(compute.serverRebuild({ serverId: SRV, imageId: IMG, name: "new" }))).toBe(
      `openstack server rebuild --image ${IMG} --name new ${SRV}`,
    );
    expect(r(compute.serverSnapshot({ serverId: SRV, name: "snap 1" }))).toBe(
      `openstack server image create --name 'snap 1' ${SRV}`,
    );
  });

  it("interfaces", () => {
    expect(r(compute.serverAddInterface({ serverId: SRV, kind: "port", portId: PORT }))).toBe(
      `openstack server add port ${SRV} ${PORT}`,
    );
    expect(r(compute.serverAddInterface({ serverId: SRV, kind: "network", networkId: NET }))).toBe(
      `openstack server add network ${SRV} ${NET}`,
    );
    expect(
      r(compute.serverAddInterface({ serverId: SRV, kind: "network", networkId: NET, fixedIp: "10.0.0.5" })),
    ).toBe(`openstack server add fixed ip --fixed-ip-address 10.0.0.5 ${SRV} ${NET}`);
    expect(r(compute.serverRemovePort({ serverId: SRV, portId: PORT }))).toBe(
      `openstack server remove port ${SRV} ${PORT}`,
    );
  });
});

describe("volume", () => {
  it("create from each source", () => {
    expect(r(volume.volumeCreate({ name: "v", size: "2" }))).toBe("openstack volume create --size 2 v");
    expect(
      r(
        volume.volumeCreate({
          name: "v",
          size: 3,
          source: { kind: "image", id: IMG },
          volumeType: "fast",
          description: "d e",
        }),
      ),
    ).toBe(`openstack volume create --size 3 --image ${IMG} --type fast --description 'd e' v`);
    expect(r(volume.volumeCreate({ name: "v", size: 1, source: { kind: "snapshot", id: "s" } }))).toContain(
      "--snapshot s",
    );
    expect(r(volume.volumeCreate({ name: "v", size: 1, source: { kind: "volume", id: VOL } }))).toContain(
      `--source ${VOL}`,
    );
    expect(r(volume.volumeCreate({ name: "v", size: 1, source: { kind: "empty", id: "" } }))).toBe(
      "openstack volume create --size 1 v",
    );
  });

  it("actions", () => {
    expect(r(volume.volumeExtend({ volumeId: VOL, newSize: "4" }))).toBe(
      `openstack volume set --size 4 ${VOL}`,
    );
    expect(r(volume.volumeSnapshotCreate({ volumeId: VOL, name: "s", force: true }))).toBe(
      `openstack volume snapshot create --volume ${VOL} --force s`,
    );
    expect(r(volume.volumeBackupCreate({ volumeId: VOL, name: "b", incremental: true }))).toBe(
      `openstack volume backup create --name b --incremental ${VOL}`,
    );
    expect(r(volume.volumeTransferCreate({ volumeId: VOL, name: "t" }))).toBe(
      `openstack volume transfer request create --name t ${VOL}`,
    );
    expect(r(volume.volumeTransferAccept({ transferId: "tid" }))).toBe(
      "openstack volume transfer request accept --auth-key '<auth-key>' tid",
    );
    expect(
      r(volume.volumeUploadToImage({ volumeId: VOL, imageName: "i", diskFormat: "qcow2", force: true })),
    ).toBe(`openstack image create --volume ${VOL} --disk-format qcow2 --force i`);
    expect(r(volume.serverAddVolume({ serverId: SRV, volumeId: VOL }))).toBe(
      `openstack server add volume ${SRV} ${VOL}`,
    );
    expect(
      r(volume.volumeSet({ volumeId: VOL, name: "n", description: "", bootable: true, readonly: false })),
    ).toBe(
      "# The description is empty: the openstack CLI ignores --description '' and cannot clear it; leave it or use the API.\n" +
        `openstack volume set --name n --bootable --read-write ${VOL}`,
    );
    expect(r(volume.volumeResetState({ volumeId: VOL, status: "available", attachStatus: "detached" }))).toBe(
      `openstack volume set --state available --detached ${VOL}`,
    );
    expect(r(volume.volumeDelete({ volumeId: VOL, cascade: true }))).toBe(
      `openstack volume delete --purge ${VOL}`,
    );
    expect(r(volume.serverAddNewVolume({ serverId: SRV, name: "n", size: "1" }))).toBe(
      `openstack volume create --size 1 n\n# Wait until the volume is available, then:\nopenstack server add volume ${SRV} n`,
    );
  });
});

describe("network", () => {
  it("network with its first subnet", () => {
    const subnet = network.subnetFromForm(
      {
        "subnet.name": "s1",
        "subnet.cidr": "10.0.1.0/24",
        "subnet.gatewayIp": "10.0.1.1",
        "subnet.enableDhcp": "on",
        "subnet.dnsNameservers": "1.1.1.1, 8.8.8.8",
        "subnet.allocationPools": "10.0.1.10-10.0.1.99",
        "subnet.hostRoutes": "192.168.0.0/24,10.0.1.5",
      },
      "subnet.",
    );
    expect(r(network.networkCreate({ name: "net", description: "my net", adminStateUp: true, subnet }))).toBe(
      "openstack network create --description 'my net' net\n" +
        "openstack subnet create --network net --subnet-range 10.0.1.0/24 --gateway 10.0.1.1 --dhcp " +
        "--dns-nameserver 1.1.1.1 --dns-nameserver 8.8.8.8 --allocation-pool start=10.0.1.10,end=10.0.1.99 " +
        "--host-route destination=192.168.0.0/24,gateway=10.0.1.5 s1",
    );
  });

  it("admin network: provider, sharing and project", () => {
    expect(
      r(
        network.networkCreate({
          name: "pub",
          adminStateUp: false,
          shared: true,
          external: true,
          projectId: "p1",
          provider: { networkType: "flat", physicalNetwork: "public" },
        }),
      ),
    ).toBe(
      "openstack network create --disable --share --external --project p1 --provider-network-type flat --provider-physical-network public pub",
    );
  });

  it("IPv6 subnet without gateway or DHCP", () => {
    expect(r([network.subnetCreate(NET, { cidr: "fd00::/64", noGateway: true, enableDhcp: false })])).toBe(
      `openstack subnet create --network ${NET} --subnet-range fd00::/64 --ip-version 6 --gateway none --no-dhcp ${NET}-subnet`,
    );
  });

  it("routers", () => {
    expect(r(network.routerCreate({ name: "r", externalNetworkId: NET, enableSnat: false }))).toBe(
      `openstack router create --external-gateway ${NET} --disable-snat r`,
    );
    expect(r(network.routerCreate({ name: "r", adminStateUp: false }))).toBe(
      "openstack router create --disable r",
    );
    expect(r(network.routerSetGateway({ routerId: "rid", externalNetworkId: NET }))).toBe(
      `openstack router set --external-gateway ${NET} rid`,
    );
    expect(r(network.routerUnsetGateway("rid"))).toBe("openstack router unset --external-gateway rid");
    expect(r(network.routerAddSubnet({ routerId: "rid", subnetId: "sid" }))).toBe(
      "openstack router add subnet rid sid",
    );
    expect(r(network.routerAddSubnet({ routerId: "rid", subnetId: "sid", ipAddress: "10.0.0.9" }))).toContain(
      "--fixed-ip subnet=sid,ip-address=10.0.0.9",
    );
  });

  it("floating IPs", () => {
    expect(r(network.floatingIpCreate({ externalNetworkId: NET, description: "for web" }))).toBe(
      `openstack floating ip create --description 'for web' ${NET}`,
    );
    expect(r(network.floatingIpAssociate({ floatingIpId: "f", portId: PORT, fixedIp: "10.0.0.4" }))).toBe(
      `openstack floating ip set --port ${PORT} --fixed-ip-address 10.0.0.4 f`,
    );
    expect(r(network.floatingIpDisassociate("f"))).toBe("openstack floating ip unset --port f");
  });

  it("security groups and rules", () => {
    expect(r(network.securityGroupCreate({ name: "web", description: "HTTP in" }))).toBe(
      "openstack security group create --description 'HTTP in' web",
    );
    expect(
      r(
        network.securityGroupRuleCreate({
          groupId: SG,
          ethertype: "IPv4",
          remote: { kind: "cidr", cidr: "" },
          rules: [
            { direction: "ingress", protocol: "udp", portRangeMin: 53, portRangeMax: 53 },
            { direction: "ingress", protocol: "tcp", portRangeMin: 8000, portRangeMax: 8080 },
            { direction: "egress", protocol: "icmp", portRangeMin: 8, portRangeMax: 0 },
          ],
        }),
      ),
    ).toBe(
      `openstack security group rule create --ingress --ethertype IPv4 --protocol udp --dst-port 53 --remote-ip 0.0.0.0/0 ${SG}\n` +
        `openstack security group rule create --ingress --ethertype IPv4 --protocol tcp --dst-port 8000:8080 --remote-ip 0.0.0.0/0 ${SG}\n` +
        `openstack security group rule create --egress --ethertype IPv4 --protocol icmp --icmp-type 8 --icmp-code 0 --remote-ip 0.0.0.0/0 ${SG}`,
    );
    expect(
      r(
        network.securityGroupRuleCreate({
          groupId: SG,
          ethertype: "IPv6",
          remote: { kind: "group", groupId: "other" },
          rules: [{ direction: "ingress", protocol: "any", portRangeMin: null, portRangeMax: null }],
          description: "from peers",
        }),
      ),
    ).toBe(
      `openstack security group rule create --ingress --ethertype IPv6 --protocol any --remote-group other --description 'from peers' ${SG}`,
    );
  });

  it("a field without a CLI flag becomes a comment", () => {
    expect(r([network.unsupported("Segmentation id")])).toMatch(
      /^# Segmentation id: the openstack CLI has no option/,
    );
  });
});

describe("image, key pair, flavor", () => {
  it("image create uploads a file placeholder with formats", () => {
    expect(
      r(
        image.imageCreate({
          name: "cirros",
          diskFormat: "qcow2",
          containerFormat: "bare",
          visibility: "private",
          minDisk: "1",
        }),
      ),
    ).toBe(
      "openstack image create --disk-format qcow2 --container-format bare --private --min-disk 1 --file '<path-to-image-file>' cirros",
    );
    expect(r(image.imageSet({ imageId: IMG, name: "x", protectedImage: false, visibility: "shared" }))).toBe(
      `openstack image set --name x --shared --unprotected ${IMG}`,
    );
  });

  it("key pairs never show key material", () => {
    expect(r(keypair.keypairCreate({ name: "k" }))).toBe(
      "openstack keypair create --private-key '<private-key-file>' k",
    );
    expect(r(keypair.keypairImport({ name: "k", hasPublicKey: true }))).toBe(
      "# Save the public key you pasted to a file, e.g. key.pub:\nopenstack keypair create --public-key '<public-key-file>' k",
    );
  });

  it("flavor create with access for private flavors", () => {
    expect(
      r(
        flavor.flavorCreate({
          name: "f",
          vcpus: "1",
          ram: "512",
          disk: "1",
          ephemeral: "0",
          isPublic: false,
          projectIds: ["p1"],
        }),
      ),
    ).toBe(
      "openstack flavor create --vcpus 1 --ram 512 --disk 1 --private f\nopenstack flavor set --project p1 f",
    );
    expect(r(flavor.flavorAccessRemove({ flavorId: "f", projectId: "p" }))).toBe(
      "openstack flavor unset --project p f",
    );
  });
});

describe("identity", () => {
  it("user create hides the password and grants the role", () => {
    const text = r(
      identity.userCreate({
        name: "alice",
        hasPassword: true,
        projectId: "p1",
        roleId: "r1",
        email: "a@b.c",
      }),
    );
    expect(text).toBe(
      "openstack user create --domain default --project p1 --password '<password>' --email a@b.c --enable alice\n" +
        "openstack role add --project p1 --user alice r1",
    );
    expect(r(identity.userSetPassword("u1"))).toBe("openstack user set --password '<password>' u1");
  });

  it("projects, groups, roles, credentials", () => {
    expect(r(identity.projectCreate({ name: "acme", description: "A", enabled: true }))).toBe(
      "openstack project create --domain default --description A --enable acme",
    );
    expect(r(identity.projectSet({ projectId: "p", name: "n", description: "", enabled: false }))).toBe(
      "# The description is empty: the openstack CLI ignores --description '' and cannot clear it; leave it or use the API.\n" +
        "openstack project set --name n --disable p",
    );
    expect(r(identity.groupCreate({ name: "devs" }))).toBe("openstack group create --domain default devs");
    expect(r(identity.groupAddUser({ groupId: "g", userId: "u" }))).toBe("openstack group add user g u");
    expect(r(identity.roleCreate({ name: "reader" }))).toBe("openstack role create reader");
    expect(r(identity.roleAdd({ roleId: "r", groupId: "g", projectId: "p" }))).toBe(
      "openstack role add --project p --group g r",
    );
    expect(r(identity.appCredentialCreate({ name: "ci", expiresAt: "2030-01-02", unrestricted: true }))).toBe(
      "openstack application credential create --expiration 2030-01-02T23:59:59 --unrestricted ci",
    );
  });
});

describe("builders added for the instance page, topology and admin dialogs", () => {
  it("security groups of an instance: add the new, remove the dropped", () => {
    expect(
      r(compute.serverSetSecurityGroups({ serverId: SRV, current: ["a", "b"], chosen: ["b", "c"] })),
    ).toBe(`openstack server add security group ${SRV} c\nopenstack server remove security group ${SRV} a`);
    expect(r(compute.serverSetSecurityGroups({ serverId: SRV, current: ["a"], chosen: ["a"] }))).toBe(
      "# No change to the security groups.",
    );
  });

  it("a floating IP for a port: reuse one, or allocate from a pool", () => {
    expect(r(compute.serverAddFloatingIp({ source: "existing", portId: PORT, floatingIpId: "f" }))).toBe(
      `openstack floating ip set --port ${PORT} f`,
    );
    expect(
      r(
        compute.serverAddFloatingIp({
          source: "allocate",
          portId: PORT,
          poolNetworkId: NET,
          fixedIp: "10.0.0.3",
        }),
      ),
    ).toBe(`openstack floating ip create --port ${PORT} --fixed-ip-address 10.0.0.3 ${NET}`);
  });

  it("router ports, backups, forced deletes", () => {
    expect(r(network.routerRemovePort({ routerId: "r", portId: PORT }))).toBe(
      `openstack router remove port r ${PORT}`,
    );
    expect(r(volume.volumeBackupRestore({ backupId: "b", newVolumeName: "b-restored" }))).toBe(
      "openstack volume backup restore b b-restored",
    );
    expect(r(volume.volumeDelete({ volumeId: VOL, force: true }))).toBe(
      `openstack volume delete --force ${VOL}`,
    );
    expect(r(identity.groupSet({ groupId: "g", name: "n", description: "d" }))).toBe(
      "openstack group set --name n --description d g",
    );
  });
});
