"""Background jobs (articles.jobs): one row per job, one per item with its outcome and reason."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_admin_changelist_index_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=50, verbose_name='任务类型')),
                ('title', models.CharField(help_text='这个任务做什么，例如导入哪些文件。', max_length=300, verbose_name='内容')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='参数')),
                ('state', models.CharField(choices=[('queued', '排队中'), ('running', '运行中'), ('done', '已完成'), ('failed', '失败'), ('cancelled', '已取消')], default='queued', max_length=10, verbose_name='状态')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='总项数')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='已完成项数')),
                ('failed', models.PositiveIntegerField(default=0, verbose_name='出错项数')),
                ('current', models.CharField(blank=True, max_length=300, verbose_name='正在处理')),
                ('result', models.JSONField(blank=True, default=dict, verbose_name='结果')),
                ('error', models.TextField(blank=True, verbose_name='失败原因')),
                ('cancel_requested', models.BooleanField(default=False, verbose_name='已请求取消')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='运行次数')),
                ('worker', models.CharField(blank=True, max_length=200, verbose_name='执行进程')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='创建时间')),
                ('dispatched_at', models.DateTimeField(blank=True, null=True, verbose_name='发送到队列时间')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='开始时间')),
                ('heartbeat_at', models.DateTimeField(blank=True, null=True, verbose_name='最近心跳')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                ('started_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='jobs', to=settings.AUTH_USER_MODEL, verbose_name='发起人')),
            ],
            options={
                'verbose_name': '后台任务',
                'verbose_name_plural': '后台任务',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='JobItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(verbose_name='序号')),
                ('name', models.CharField(max_length=500, verbose_name='项目')),
                ('outcome', models.CharField(max_length=30, verbose_name='结果')),
                ('ok', models.BooleanField(default=True, verbose_name='成功')),
                ('message', models.TextField(blank=True, verbose_name='说明')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='数据')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
                ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='articles.job', verbose_name='任务')),
            ],
            options={
                'verbose_name': '任务明细',
                'verbose_name_plural': '任务明细',
                'ordering': ['job', 'position'],
            },
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(fields=['state', 'created_at'], name='job_state_created_idx'),
        ),
        migrations.AddConstraint(
            model_name='jobitem',
            constraint=models.UniqueConstraint(fields=('job', 'position'), name='jobitem_job_position_uniq'),
        ),
    ]
