"""driftline's additions to moto 5.2.1, loaded by MotoLauncher before moto.server.main.

moto 5.2.1 has no SageMaker monitoring schedules (CreateMonitoringSchedule and
DescribeMonitoringSchedule answer HTTP 500 NotImplementedError), which
`driftline baseline import-sagemaker --monitoring-schedule` reads. This adds
them to moto's SageMaker handler: moto dispatches an action by calling the
handler's method named after it in snake_case, so adding the methods is enough.
Schedules are kept per backend (account and region) and go away with
POST /moto-api/reset, like moto's own state. Only what driftline reads is
modelled: the configuration is stored as sent and returned as is; status is
always Scheduled; no executions ever run.
"""
import json
import time

from moto.sagemaker.exceptions import ResourceNotFound, ValidationError
from moto.sagemaker.responses import SageMakerResponse


def _schedules(backend):
    # an attribute of the backend object, so moto's reset (new backend objects) clears it
    if not hasattr(backend, "_driftline_monitoring_schedules"):
        backend._driftline_monitoring_schedules = {}
    return backend._driftline_monitoring_schedules


def _arn(self, name):
    return "arn:aws:sagemaker:%s:%s:monitoring-schedule/%s" % (self.region, self.current_account, name.lower())


def create_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    config = self._get_param("MonitoringScheduleConfig")
    schedules = _schedules(self.sagemaker_backend)
    if name in schedules:
        raise ValidationError("Monitoring schedule %s already exists" % name)
    now = time.time()
    schedules[name] = {
        "MonitoringScheduleArn": _arn(self, name),
        "MonitoringScheduleName": name,
        "MonitoringScheduleStatus": "Scheduled",
        "MonitoringType": (config or {}).get("MonitoringType", "DataQuality"),
        "CreationTime": now,
        "LastModifiedTime": now,
        "MonitoringScheduleConfig": config or {},
    }
    return json.dumps({"MonitoringScheduleArn": schedules[name]["MonitoringScheduleArn"]})


def describe_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    schedule = _schedules(self.sagemaker_backend).get(name)
    if schedule is None:
        raise ResourceNotFound("Could not find monitoring schedule %s" % name)
    return json.dumps(schedule)


def delete_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    if _schedules(self.sagemaker_backend).pop(name, None) is None:
        raise ResourceNotFound("Could not find monitoring schedule %s" % name)
    return "{}"


for _f in (create_monitoring_schedule, describe_monitoring_schedule, delete_monitoring_schedule):
    setattr(SageMakerResponse, _f.__name__, _f)
