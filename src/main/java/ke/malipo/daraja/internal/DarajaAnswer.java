package ke.malipo.daraja.internal;

import ke.malipo.daraja.DarajaCode;
import ke.malipo.daraja.DarajaCodes;
import ke.malipo.daraja.DarajaJson;
import tools.jackson.databind.JsonNode;

/** One HTTP answer from Daraja: status and body, read leniently. */
record DarajaAnswer(int status, JsonNode body) {

	boolean isError() {
		return this.status >= 400 || this.body.has("errorCode");
	}

	String errorCode() {
		return DarajaJson.text(this.body, "errorCode").orElse("");
	}

	String errorMessage() {
		return DarajaJson.text(this.body, "errorMessage").orElse("HTTP " + this.status);
	}

	DarajaCode errorClass() {
		return DarajaCodes.error(this.status, errorCode(), errorMessage());
	}

}
