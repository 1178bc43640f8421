-- CreateTable
CREATE TABLE "network" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "admin_state_up" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "network_type" TEXT NOT NULL,
    "physical_network" TEXT,
    "segmentation_id" INTEGER,
    "mtu" INTEGER NOT NULL DEFAULT 1450,
    "port_security_enabled" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subnet" (
    "id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "ip_version" INTEGER NOT NULL,
    "cidr" TEXT NOT NULL,
    "gateway_ip" TEXT,
    "enable_dhcp" BOOLEAN NOT NULL DEFAULT true,
    "dns_nameservers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "host_routes" JSONB NOT NULL DEFAULT '[]',
    "allocation_pools" JSONB NOT NULL DEFAULT '[]',
    "ipv6_ra_mode" TEXT,
    "ipv6_address_mode" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subnet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "port" (
    "id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "mac_address" TEXT NOT NULL,
    "admin_state_up" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "device_id" TEXT NOT NULL DEFAULT '',
    "device_owner" TEXT NOT NULL DEFAULT '',
    "binding_host" TEXT NOT NULL DEFAULT '',
    "vif_type" TEXT NOT NULL DEFAULT 'unbound',
    "vnic_type" TEXT NOT NULL DEFAULT 'normal',
    "binding_profile" JSONB NOT NULL DEFAULT '{}',
    "port_security_enabled" BOOLEAN NOT NULL DEFAULT true,
    "allowed_address_pairs" JSONB NOT NULL DEFAULT '[]',
    "dns_name" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "generation" INTEGER NOT NULL DEFAULT 0,
    "wired_generation" INTEGER,
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "port_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ip_allocation" (
    "subnet_id" TEXT NOT NULL,
    "ip_address" TEXT NOT NULL,
    "port_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,

    CONSTRAINT "ip_allocation_pkey" PRIMARY KEY ("subnet_id","ip_address")
);

-- CreateTable
CREATE TABLE "security_group" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "stateful" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "default_security_group" (
    "project_id" TEXT NOT NULL,
    "security_group_id" TEXT NOT NULL,

    CONSTRAINT "default_security_group_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "security_group_rule" (
    "id" TEXT NOT NULL,
    "security_group_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "ethertype" TEXT NOT NULL,
    "protocol" TEXT,
    "port_range_min" INTEGER,
    "port_range_max" INTEGER,
    "remote_ip_prefix" TEXT,
    "remote_group_id" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_group_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "port_security_group" (
    "port_id" TEXT NOT NULL,
    "security_group_id" TEXT NOT NULL,

    CONSTRAINT "port_security_group_pkey" PRIMARY KEY ("port_id","security_group_id")
);

-- CreateTable
CREATE TABLE "router" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "admin_state_up" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "gateway_network_id" TEXT,
    "enable_snat" BOOLEAN NOT NULL DEFAULT true,
    "routes" JSONB NOT NULL DEFAULT '[]',
    "host" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "generation" INTEGER NOT NULL DEFAULT 0,
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "router_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "floating_ip" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "floating_network_id" TEXT NOT NULL,
    "floating_ip_address" TEXT NOT NULL,
    "floating_port_id" TEXT NOT NULL,
    "port_id" TEXT,
    "fixed_ip_address" TEXT,
    "router_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DOWN',
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "revision_number" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "floating_ip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_host" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "tunnel_ip" TEXT NOT NULL,
    "physnets" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "driver" TEXT NOT NULL DEFAULT 'fake',
    "version" TEXT NOT NULL DEFAULT '',
    "admin_state_up" BOOLEAN NOT NULL DEFAULT true,
    "last_heartbeat" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_agent" (
    "id" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "agent_type" TEXT NOT NULL,
    "binary" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "admin_state_up" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_agent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "network_project_id_idx" ON "network"("project_id");
CREATE UNIQUE INDEX "network_network_type_segmentation_id_key" ON "network"("network_type", "segmentation_id");
CREATE INDEX "subnet_network_id_idx" ON "subnet"("network_id");
CREATE INDEX "subnet_project_id_idx" ON "subnet"("project_id");
CREATE INDEX "port_project_id_idx" ON "port"("project_id");
CREATE INDEX "port_device_id_idx" ON "port"("device_id");
CREATE INDEX "port_binding_host_idx" ON "port"("binding_host");
CREATE UNIQUE INDEX "port_network_id_mac_address_key" ON "port"("network_id", "mac_address");
CREATE INDEX "ip_allocation_port_id_idx" ON "ip_allocation"("port_id");
CREATE INDEX "ip_allocation_network_id_ip_address_idx" ON "ip_allocation"("network_id", "ip_address");
CREATE INDEX "security_group_project_id_idx" ON "security_group"("project_id");
CREATE UNIQUE INDEX "default_security_group_security_group_id_key" ON "default_security_group"("security_group_id");
CREATE INDEX "security_group_rule_security_group_id_idx" ON "security_group_rule"("security_group_id");
CREATE INDEX "security_group_rule_remote_group_id_idx" ON "security_group_rule"("remote_group_id");
CREATE INDEX "security_group_rule_project_id_idx" ON "security_group_rule"("project_id");
CREATE INDEX "port_security_group_security_group_id_idx" ON "port_security_group"("security_group_id");
CREATE INDEX "router_project_id_idx" ON "router"("project_id");
CREATE INDEX "router_host_idx" ON "router"("host");
CREATE UNIQUE INDEX "floating_ip_floating_port_id_key" ON "floating_ip"("floating_port_id");
CREATE INDEX "floating_ip_project_id_idx" ON "floating_ip"("project_id");
CREATE INDEX "floating_ip_port_id_idx" ON "floating_ip"("port_id");
CREATE INDEX "floating_ip_router_id_idx" ON "floating_ip"("router_id");
CREATE UNIQUE INDEX "floating_ip_floating_network_id_floating_ip_address_key" ON "floating_ip"("floating_network_id", "floating_ip_address");
CREATE UNIQUE INDEX "network_host_host_key" ON "network_host"("host");
CREATE UNIQUE INDEX "network_agent_host_id_agent_type_key" ON "network_agent"("host_id", "agent_type");

-- AddForeignKey
ALTER TABLE "subnet" ADD CONSTRAINT "subnet_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "port" ADD CONSTRAINT "port_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ip_allocation" ADD CONSTRAINT "ip_allocation_subnet_id_fkey" FOREIGN KEY ("subnet_id") REFERENCES "subnet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ip_allocation" ADD CONSTRAINT "ip_allocation_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "default_security_group" ADD CONSTRAINT "default_security_group_security_group_id_fkey" FOREIGN KEY ("security_group_id") REFERENCES "security_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "security_group_rule" ADD CONSTRAINT "security_group_rule_security_group_id_fkey" FOREIGN KEY ("security_group_id") REFERENCES "security_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "security_group_rule" ADD CONSTRAINT "security_group_rule_remote_group_id_fkey" FOREIGN KEY ("remote_group_id") REFERENCES "security_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "port_security_group" ADD CONSTRAINT "port_security_group_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "port_security_group" ADD CONSTRAINT "port_security_group_security_group_id_fkey" FOREIGN KEY ("security_group_id") REFERENCES "security_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "floating_ip" ADD CONSTRAINT "floating_ip_floating_port_id_fkey" FOREIGN KEY ("floating_port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "floating_ip" ADD CONSTRAINT "floating_ip_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "floating_ip" ADD CONSTRAINT "floating_ip_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "router"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "network_agent" ADD CONSTRAINT "network_agent_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "network_host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
