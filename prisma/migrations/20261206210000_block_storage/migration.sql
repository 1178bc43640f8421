-- Block storage (Cinder v3), laid out for the whole of issue 11: volume
-- types and their project access, the volume agents' hosts, volumes,
-- snapshots, attachments, backups, transfers, and Nova's block device
-- mappings (boot from volume, attached volumes). See schema.prisma for why
-- each unique and index exists.

-- CreateTable
CREATE TABLE "volume_type" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "is_public" BOOLEAN NOT NULL DEFAULT true,
    "extra_specs" JSONB NOT NULL DEFAULT '{}',
    "qos_specs_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "volume_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume_type_access" (
    "volume_type_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "volume_type_access_pkey" PRIMARY KEY ("volume_type_id","project_id")
);

-- CreateTable
CREATE TABLE "volume_host" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "availability_zone" TEXT NOT NULL DEFAULT 'nova',
    "driver" TEXT NOT NULL DEFAULT 'fake',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabled_reason" TEXT,
    "last_heartbeat" TIMESTAMP(3),
    "total_capacity_gb" INTEGER NOT NULL DEFAULT 0,
    "free_capacity_gb" INTEGER NOT NULL DEFAULT 0,
    "allocated_gb" INTEGER NOT NULL DEFAULT 0,
    "export_address" TEXT,
    "version" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "volume_host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "size_gb" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "attach_status" TEXT NOT NULL DEFAULT 'detached',
    "previous_status" TEXT,
    "migration_status" TEXT,
    "volume_type_id" TEXT NOT NULL,
    "availability_zone" TEXT NOT NULL DEFAULT 'nova',
    "bootable" BOOLEAN NOT NULL DEFAULT false,
    "readonly" BOOLEAN NOT NULL DEFAULT false,
    "multiattach" BOOLEAN NOT NULL DEFAULT false,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "image_metadata" JSONB,
    "host" TEXT,
    "provider_location" TEXT,
    "source_image_id" TEXT,
    "snapshot_id" TEXT,
    "source_volid" TEXT,
    "restore_backup_id" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "fault" JSONB,
    "launched_at" TIMESTAMP(3),
    "terminated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "volume_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume_snapshot" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "volume_id" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "size_gb" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "progress" TEXT NOT NULL DEFAULT '0%',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "provider_location" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "volume_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume_attachment" (
    "id" TEXT NOT NULL,
    "volume_id" TEXT NOT NULL,
    "instance_uuid" TEXT,
    "attached_host" TEXT,
    "connector" JSONB,
    "connection_info" JSONB,
    "mountpoint" TEXT,
    "export_port" INTEGER,
    "export_name" TEXT,
    "export_secret" TEXT,
    "attach_mode" TEXT NOT NULL DEFAULT 'rw',
    "status" TEXT NOT NULL DEFAULT 'reserved',
    "attach_time" TIMESTAMP(3),
    "detach_time" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "volume_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume_backup" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "volume_id" TEXT NOT NULL,
    "snapshot_id" TEXT,
    "name" TEXT,
    "description" TEXT,
    "size_gb" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "fail_reason" TEXT,
    "availability_zone" TEXT,
    "container" TEXT,
    "host" TEXT,
    "object_count" INTEGER NOT NULL DEFAULT 0,
    "incremental" BOOLEAN NOT NULL DEFAULT false,
    "parent_id" TEXT,
    "data_timestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "volume_backup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volume_transfer" (
    "id" TEXT NOT NULL,
    "volume_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT,
    "salt" TEXT NOT NULL,
    "crypt_hash" TEXT NOT NULL,
    "no_snapshots" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "volume_transfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "block_device_mapping" (
    "id" TEXT NOT NULL,
    "instance_uuid" TEXT NOT NULL,
    "source_type" TEXT NOT NULL,
    "destination_type" TEXT NOT NULL,
    "boot_index" INTEGER,
    "device_name" TEXT,
    "disk_bus" TEXT,
    "device_type" TEXT,
    "image_id" TEXT,
    "snapshot_id" TEXT,
    "volume_id" TEXT,
    "volume_size" INTEGER,
    "volume_type" TEXT,
    "attachment_id" TEXT,
    "connection_info" JSONB,
    "delete_on_termination" BOOLEAN NOT NULL DEFAULT false,
    "tag" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "block_device_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "volume_type_name_key" ON "volume_type"("name");

-- CreateIndex
CREATE INDEX "volume_type_access_project_id_idx" ON "volume_type_access"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "volume_host_host_key" ON "volume_host"("host");

-- CreateIndex
CREATE INDEX "volume_project_id_created_at_idx" ON "volume"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "volume_host_idx" ON "volume"("host");

-- CreateIndex
CREATE INDEX "volume_volume_type_id_idx" ON "volume"("volume_type_id");

-- CreateIndex
CREATE INDEX "volume_updated_at_idx" ON "volume"("updated_at");

-- CreateIndex
CREATE INDEX "volume_snapshot_project_id_created_at_idx" ON "volume_snapshot"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "volume_snapshot_volume_id_idx" ON "volume_snapshot"("volume_id");

-- CreateIndex
CREATE INDEX "volume_attachment_instance_uuid_idx" ON "volume_attachment"("instance_uuid");

-- CreateIndex
CREATE INDEX "volume_attachment_attached_host_idx" ON "volume_attachment"("attached_host");

-- CreateIndex
CREATE UNIQUE INDEX "volume_attachment_volume_id_instance_uuid_key" ON "volume_attachment"("volume_id", "instance_uuid");

-- CreateIndex
CREATE INDEX "volume_backup_project_id_created_at_idx" ON "volume_backup"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "volume_backup_volume_id_idx" ON "volume_backup"("volume_id");

-- CreateIndex
CREATE INDEX "volume_backup_parent_id_idx" ON "volume_backup"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "volume_transfer_volume_id_key" ON "volume_transfer"("volume_id");

-- CreateIndex
CREATE INDEX "volume_transfer_project_id_idx" ON "volume_transfer"("project_id");

-- CreateIndex
CREATE INDEX "block_device_mapping_volume_id_idx" ON "block_device_mapping"("volume_id");

-- CreateIndex
CREATE UNIQUE INDEX "block_device_mapping_instance_uuid_volume_id_key" ON "block_device_mapping"("instance_uuid", "volume_id");

-- AddForeignKey
ALTER TABLE "volume_type_access" ADD CONSTRAINT "volume_type_access_volume_type_id_fkey" FOREIGN KEY ("volume_type_id") REFERENCES "volume_type"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volume_snapshot" ADD CONSTRAINT "volume_snapshot_volume_id_fkey" FOREIGN KEY ("volume_id") REFERENCES "volume"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volume_attachment" ADD CONSTRAINT "volume_attachment_volume_id_fkey" FOREIGN KEY ("volume_id") REFERENCES "volume"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volume_transfer" ADD CONSTRAINT "volume_transfer_volume_id_fkey" FOREIGN KEY ("volume_id") REFERENCES "volume"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "block_device_mapping" ADD CONSTRAINT "block_device_mapping_instance_uuid_fkey" FOREIGN KEY ("instance_uuid") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Change notices (see 20261206200000_change_notices): a volume's changes
-- (status, attach status: attachments change both) reach live views, which
-- draw volumes attached to instances. Scoped by the volume's project_id.
CREATE TRIGGER zenith_changes AFTER INSERT OR UPDATE OR DELETE ON "volume"
  FOR EACH ROW EXECUTE FUNCTION zenith_notify_change();
