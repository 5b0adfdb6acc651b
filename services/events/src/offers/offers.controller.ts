import { Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@crosswalk/observability';
import { Problem, problemTypeOf } from '@crosswalk/problems';
import { OfferAnswerView } from './dto/offer.dto';
import type { OfferAction } from './offer-link.rules';
import { offerPage } from './offer-page';
import { OffersService } from './offers.service';

const PAGE_TITLE: Record<OfferAction, string> = { accept: 'Seat accepted', decline: 'Seat declined' };
/** An answer is about one person's offer at one moment: no cache keeps it. */
const NO_STORE = 'no-store';

/**
 * The accept and decline links of offer emails. Public: the people invited hold no account, and the signed token
 * in the path is the whole credential (one action, one offer, until its deadline). Requests reach here through
 * the gateway's public routes, which limit each address's rate. GET is what following the link in a mail
 * program does and answers a small page to a browser; POST answers JSON.
 */
@ApiTags('offers')
@Public()
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get(':token/accept')
  @ApiOperation({ summary: 'Follow an accept link: takes the offered seat', security: [] })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ type: OfferAnswerView })
  @ApiNotFoundResponse({ description: 'Not an accept link this service issued' })
  @ApiConflictResponse({ description: 'The offer ended (registration_refused, reason offer_link_expired, offer_expired, ...)' })
  followAccept(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.follow(token, 'accept', req, res);
  }

  @Get(':token/decline')
  @ApiOperation({ summary: 'Follow a decline link: gives the offered seat up', security: [] })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ type: OfferAnswerView })
  @ApiNotFoundResponse({ description: 'Not a decline link this service issued' })
  @ApiConflictResponse({ description: 'The offer ended (registration_refused)' })
  followDecline(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.follow(token, 'decline', req, res);
  }

  @Post(':token/accept')
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({ summary: 'Accept the offered seat', security: [] })
  @ApiOkResponse({ type: OfferAnswerView })
  @ApiNotFoundResponse({ description: 'Not an accept link this service issued' })
  @ApiConflictResponse({ description: 'The offer ended (registration_refused)' })
  accept(@Param('token') token: string): Promise<OfferAnswerView> {
    return this.offers.answer(token, 'accept');
  }

  @Post(':token/decline')
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({ summary: 'Decline the offered seat', security: [] })
  @ApiOkResponse({ type: OfferAnswerView })
  @ApiNotFoundResponse({ description: 'Not a decline link this service issued' })
  @ApiConflictResponse({ description: 'The offer ended (registration_refused)' })
  decline(@Param('token') token: string): Promise<OfferAnswerView> {
    return this.offers.answer(token, 'decline');
  }

  /** A browser gets a page, also when the link does not work; any other client gets JSON or a problem document. */
  private async follow(token: string, action: OfferAction, req: Request, res: Response): Promise<void> {
    const html = req.accepts(['application/json', 'text/html']) === 'text/html';
    res.setHeader('Cache-Control', NO_STORE);
    try {
      const answer = await this.offers.answer(token, action);
      if (html) res.status(200).type('html').send(offerPage(PAGE_TITLE[action], answer.message));
      else res.status(200).json(answer);
    } catch (error) {
      if (!html || !(error instanceof Problem)) throw error;
      res
        .status(error.getStatus())
        .type('html')
        .send(offerPage(problemTypeOf(error.code).title, error.detail));
    }
  }
}
