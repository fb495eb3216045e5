"""Seed the one table of roles (and keep it in step with danchu.core.access.roles)."""

from django.db import migrations

ROLES = (
    ("province_officer", "Cán bộ, công chức cấp tỉnh", True),
    ("steering_member", "Thành viên Ban Chỉ đạo thực hiện dân chủ ở cơ sở", True),
    ("commune_chair", "Chủ tịch Ủy ban nhân dân cấp xã", True),
    ("commune_officer", "Cán bộ, công chức Ủy ban nhân dân cấp xã", True),
    ("commune_front", "Cán bộ Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã", True),
    ("village_head", "Trưởng thôn, Tổ trưởng tổ dân phố", False),
    ("front_committee_head", "Trưởng Ban công tác Mặt trận ở thôn, tổ dân phố", False),
    ("agency_head", "Người đứng đầu cơ quan, đơn vị", False),
    ("employer", "Người sử dụng lao động", False),
    ("trade_union", "Ban chấp hành công đoàn cơ sở", False),
)


def seed(apps, schema_editor):
    Role = apps.get_model("access", "Role")
    for code, name, covers in ROLES:
        Role.objects.update_or_create(
            code=code, defaults={"name": name, "covers_descendants": covers, "is_official": True}
        )


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
