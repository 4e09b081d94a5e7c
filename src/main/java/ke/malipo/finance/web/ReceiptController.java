package ke.malipo.finance.web;

import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.finance.internal.Receipts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The PDF receipt of a paid session, from the pages and the API alike. */
@PageController
class ReceiptController {

	private final Receipts receipts;

	ReceiptController(Receipts receipts) {
		this.receipts = receipts;
	}

	@GetMapping({ "/sessions/{id}/receipt.pdf", "/api/sessions/{id}/receipt.pdf" })
	ResponseEntity<byte[]> receipt(@PathVariable UUID id, CurrentUser user) {
		Receipts.Receipt receipt = this.receipts.receipt(new SessionId(id), user)
			.orElseThrow(() -> new NotFoundException("RECEIPT_NOT_FOUND", "There is no receipt for this session."));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"malipo-receipt-" + receipt.number() + ".pdf\"")
			.body(receipt.pdf());
	}

}
