-- CreateTable
CREATE TABLE "image" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "visibility" TEXT NOT NULL DEFAULT 'shared',
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "owner_id" TEXT,
    "disk_format" TEXT,
    "container_format" TEXT,
    "size" BIGINT,
    "virtual_size" BIGINT,
    "checksum" TEXT,
    "os_hash_algo" TEXT,
    "os_hash_value" TEXT,
    "min_disk" INTEGER NOT NULL DEFAULT 0,
    "min_ram" INTEGER NOT NULL DEFAULT 0,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_member" (
    "image_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_member_pkey" PRIMARY KEY ("image_id","member_id")
);

-- CreateTable
CREATE TABLE "flavor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "ram_mb" INTEGER NOT NULL,
    "disk_gb" INTEGER NOT NULL,
    "ephemeral_gb" INTEGER NOT NULL DEFAULT 0,
    "swap_mb" INTEGER NOT NULL DEFAULT 0,
    "rxtx_factor" DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    "is_public" BOOLEAN NOT NULL DEFAULT true,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "extra_specs" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flavor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flavor_access" (
    "flavor_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,

    CONSTRAINT "flavor_access_pkey" PRIMARY KEY ("flavor_id","project_id")
);

-- CreateTable
CREATE TABLE "key_pair" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'ssh',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_pair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compute_host" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "availability_zone" TEXT NOT NULL DEFAULT 'nova',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabled_reason" TEXT,
    "forced_down" BOOLEAN NOT NULL DEFAULT false,
    "last_heartbeat" TIMESTAMP(3),
    "hypervisor_type" TEXT NOT NULL DEFAULT 'fake',
    "hypervisor_version" INTEGER NOT NULL DEFAULT 1,
    "hypervisor_hostname" TEXT NOT NULL,
    "host_ip" TEXT NOT NULL DEFAULT '127.0.0.1',
    "vcpus" INTEGER NOT NULL,
    "memory_mb" INTEGER NOT NULL,
    "local_gb" INTEGER NOT NULL,
    "cpu_info" JSONB NOT NULL DEFAULT '{}',
    "cpu_allocation_ratio" DOUBLE PRECISION NOT NULL DEFAULT 16.0,
    "ram_allocation_ratio" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "disk_allocation_ratio" DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    "vcpus_used" INTEGER NOT NULL DEFAULT 0,
    "memory_mb_used" INTEGER NOT NULL DEFAULT 0,
    "local_gb_used" INTEGER NOT NULL DEFAULT 0,
    "running_vms" INTEGER NOT NULL DEFAULT 0,
    "version" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compute_host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "host_id" TEXT,
    "availability_zone" TEXT,
    "reservation_id" TEXT NOT NULL,
    "launch_index" INTEGER NOT NULL DEFAULT 0,
    "flavor_id" TEXT NOT NULL,
    "flavor" JSONB NOT NULL,
    "old_flavor" JSONB,
    "image_id" TEXT,
    "key_name" TEXT,
    "key_data" TEXT,
    "user_data" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "hostname" TEXT NOT NULL DEFAULT '',
    "vm_state" TEXT NOT NULL DEFAULT 'building',
    "task_state" TEXT,
    "power_state" INTEGER NOT NULL DEFAULT 0,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "locked_reason" TEXT,
    "locked_by" TEXT,
    "fault" JSONB,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "access_ip_v4" TEXT NOT NULL DEFAULT '',
    "access_ip_v6" TEXT NOT NULL DEFAULT '',
    "config_drive" TEXT NOT NULL DEFAULT '',
    "description" TEXT,
    "desired_power" TEXT NOT NULL DEFAULT 'running',
    "generation" INTEGER NOT NULL DEFAULT 0,
    "reboot_seq" INTEGER NOT NULL DEFAULT 0,
    "reboot_type" TEXT NOT NULL DEFAULT 'SOFT',
    "rebuild_seq" INTEGER NOT NULL DEFAULT 0,
    "resize_seq" INTEGER NOT NULL DEFAULT 0,
    "schedule_attempts" INTEGER NOT NULL DEFAULT 0,
    "tried_hosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "launched_at" TIMESTAMP(3),
    "terminated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance_action" (
    "id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "message" TEXT,
    "start_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finish_time" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance_action_event" (
    "id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "result" TEXT,
    "traceback" TEXT,
    "host" TEXT,
    "start_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finish_time" TIMESTAMP(3),

    CONSTRAINT "instance_action_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota" (
    "project_id" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "hard_limit" INTEGER NOT NULL,

    CONSTRAINT "quota_pkey" PRIMARY KEY ("project_id","resource")
);

-- CreateTable
CREATE TABLE "quota_default" (
    "resource" TEXT NOT NULL,
    "hard_limit" INTEGER NOT NULL,

    CONSTRAINT "quota_default_pkey" PRIMARY KEY ("resource")
);

-- CreateIndex
CREATE INDEX "image_owner_id_idx" ON "image"("owner_id");

-- CreateIndex
CREATE INDEX "image_visibility_idx" ON "image"("visibility");

-- CreateIndex
CREATE INDEX "image_member_member_id_idx" ON "image_member"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "flavor_name_key" ON "flavor"("name");

-- CreateIndex
CREATE UNIQUE INDEX "key_pair_user_id_name_key" ON "key_pair"("user_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "compute_host_host_key" ON "compute_host"("host");

-- CreateIndex
CREATE INDEX "instance_project_id_created_at_idx" ON "instance"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "instance_host_id_idx" ON "instance"("host_id");

-- CreateIndex
CREATE INDEX "instance_updated_at_idx" ON "instance"("updated_at");

-- CreateIndex
CREATE INDEX "instance_action_instance_id_start_time_idx" ON "instance_action"("instance_id", "start_time");

-- CreateIndex
CREATE INDEX "instance_action_event_action_id_idx" ON "instance_action_event"("action_id");

-- AddForeignKey
ALTER TABLE "image_member" ADD CONSTRAINT "image_member_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flavor_access" ADD CONSTRAINT "flavor_access_flavor_id_fkey" FOREIGN KEY ("flavor_id") REFERENCES "flavor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance" ADD CONSTRAINT "instance_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "compute_host"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance_action" ADD CONSTRAINT "instance_action_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance_action_event" ADD CONSTRAINT "instance_action_event_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "instance_action"("id") ON DELETE CASCADE ON UPDATE CASCADE;
