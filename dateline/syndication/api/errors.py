"""The one shape every API error takes: {"error": {"code": …, "message": …}}."""


class ApiError(Exception):
    def __init__(self, status, code, message, *, parameter=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.headers = headers or {}

    def as_json(self):
        error = {"code": self.code, "message": self.message}
        if self.parameter is not None:
            error["parameter"] = self.parameter
        return {"error": error}


def bad_parameter(parameter, message):
    return ApiError(400, "invalid_parameter", message, parameter=parameter)


def not_found(message):
    return ApiError(404, "not_found", message)
