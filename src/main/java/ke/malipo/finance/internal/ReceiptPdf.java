package ke.malipo.finance.internal;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import ke.malipo.common.money.Kes;
import ke.malipo.common.time.Eat;
import org.jspecify.annotations.Nullable;

/**
 * A one-page PDF receipt for a paid session, with every fact a client or tax officer
 * needs.
 */
final class ReceiptPdf {

	private static final DateTimeFormatter TIME = DateTimeFormatter
		.ofPattern("d MMMM yyyy, HH:mm 'EAT'", Locale.ENGLISH)
		.withZone(Eat.ZONE);

	/** Shown in place of the M-Pesa receipt number until M-Pesa's records give it. */
	static final String TO_FOLLOW = "To follow (M-Pesa confirmed the payment)";

	private ReceiptPdf() {
	}

	static byte[] render(Data data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A5, 36, 36, 36, 36);
		PdfWriter.getInstance(document, out);
		document.addTitle("Receipt " + data.number());
		document.open();
		Font label = FontFactory.getFont(FontFactory.HELVETICA, 10);
		Issuer issuer = data.issuer();
		document.add(new Paragraph(issuer.name(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16)));
		if (issuer.address() != null) {
			document.add(new Paragraph(issuer.address(), label));
		}
		if (issuer.kraPin() != null) {
			document.add(new Paragraph("KRA PIN " + issuer.kraPin(), label));
		}
		document.add(new Paragraph("Paybill / shortcode " + issuer.shortcode(), label));
		document.add(new Paragraph(" "));
		document
			.add(new Paragraph("Receipt no. " + data.number(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13)));
		document.add(new Paragraph(" "));
		PdfPTable table = new PdfPTable(2);
		table.setWidthPercentage(100);
		row(table, label, "Receipt number", data.number());
		row(table, label, "Service", data.service());
		row(table, label, "Session", TIME.format(data.sessionAt()));
		if (data.minutes() != null) {
			row(table, label, "Length", data.minutes() + " minutes");
		}
		row(table, label, "Client", data.clientName());
		row(table, label, "Psychologist", data.psychologistName());
		if (!data.licenceNumber().isEmpty()) {
			row(table, label, "Licence number", data.licenceNumber());
		}
		row(table, label, "Amount", data.amount().display());
		row(table, label, "M-Pesa receipt", data.receipt());
		row(table, label, "Paid on", TIME.format(data.paidAt()));
		document.add(table);
		document.add(new Paragraph(" "));
		document.add(new Paragraph("Paid with M-Pesa. Keep this receipt for your records.", label));
		document.close();
		return out.toByteArray();
	}

	private static void row(PdfPTable table, Font font, String name, String value) {
		table.addCell(new Paragraph(name, font));
		table.addCell(new Paragraph(value, font));
	}

	/** What the receipt shows. */
	record Data(String number, String receipt, Instant paidAt, Kes amount, String clientName, String psychologistName,
			String licenceNumber, Instant sessionAt, @Nullable Integer minutes, Issuer issuer, String service) {
	}

	/** Who issues the receipt. */
	record Issuer(String name, @Nullable String address, @Nullable String kraPin, String shortcode) {
	}

}
